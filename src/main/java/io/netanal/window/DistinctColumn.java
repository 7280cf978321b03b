package io.netanal.window;

import java.util.Arrays;

/**
 * One distinct-count column of a {@link TrafficTable}: per row, the set of values seen (destination addresses,
 * ports, sources...), exact up to {@value #EXACT} values and a {@link HyperLogLog} (about 3.3% standard error)
 * beyond.
 *
 * <p>Owned by the one thread that fills the table. Memory is bounded: {@value #INLINE} int fingerprints per row
 * in place (most rows of most columns see one or two values), the rest of a row's {@value #EXACT} in a block
 * taken from a shared pool when the row first needs it (a flood's 16 k rows of one value each then cost 28 bytes
 * a row and column, not 72), and at most {@code maxSketches} sketches of 1 KiB, created on first need and reused
 * for every later window; the pool and sketches are kept across windows, so the steady state allocates nothing. Rows past the sketch budget stop growing at {@value #EXACT} and are
 * counted by {@link #saturated()} (their count is then a lower bound); a window rarely has more than a handful of
 * addresses with over {@value #EXACT} distinct peers.
 */
final class DistinctColumn {
  static final int EXACT = 16;
  static final int INLINE = 4;
  private static final int BLOCK = EXACT - INLINE;
  /** {@link #state} of a row with a sketch is {@code -(sketch index) - 2}; of a saturated row, {@code -1}. */
  private static final int SATURATED = -1;

  private static final int[] ZEROS = new int[1024];

  private final int maxSketches;
  /** Per row, its first {@link #INLINE} fingerprints: {@code inline[row * INLINE + i]}. */
  private int[] inline = new int[0];
  /** Per row with more than {@link #INLINE} values: where in {@link #pool} its block of the rest starts. */
  private int[] blockOf = new int[0];
  /** Blocks of {@link #BLOCK} fingerprints, handed out in order and all returned by {@link #clear}. */
  private int[] pool = new int[0];
  private int poolUsed;
  /** Per row: the number of exact values (0..EXACT), or a sketch/saturation marker (negative). */
  private int[] state = new int[0];
  /** Per row: the fingerprint last added (0 for none), which is in the set: a repeat costs one comparison. */
  private int[] last = new int[0];
  private HyperLogLog[] sketches = new HyperLogLog[0];
  private int sketchesUsed;
  private long saturated;

  DistinctColumn(int maxSketches) {
    this.maxSketches = maxSketches;
  }

  void ensureRows(int rows) {
    if (state.length < rows) {
      state = Arrays.copyOf(state, rows);
      last = Arrays.copyOf(last, rows);
      blockOf = Arrays.copyOf(blockOf, rows);
      inline = Arrays.copyOf(inline, rows * INLINE);
    }
  }

  /**
   * Adds a value, by its well-mixed 64-bit hash, to {@code row}'s set. The set keeps a 32-bit fingerprint (and a
   * sketch takes the fingerprint's mix), so a value counts the same whether it arrives before or after promotion.
   */
  void add(int row, long hash) {
    // A zero fingerprint is stored as 1: a one-in-four-billion merge of two values, well inside the sketch's error.
    int fp = (int) (hash ^ (hash >>> 32));
    fp = fp == 0 ? 1 : fp;
    if (last[row] != fp) {
      addFingerprint(row, fp);
    }
  }

  /** Moves a full row's exact values into a sketch, or marks it saturated when the budget is spent. */
  private void promote(int row) {
    if (sketchesUsed == maxSketches) {
      state[row] = SATURATED;
      saturated++;
      return;
    }
    if (sketchesUsed == sketches.length) {
      sketches = Arrays.copyOf(sketches, Math.min(maxSketches, Math.max(4, sketchesUsed * 2)));
    }
    if (sketches[sketchesUsed] == null) {
      sketches[sketchesUsed] = new HyperLogLog();
    }
    HyperLogLog sketch = sketches[sketchesUsed];
    int n = state[row];
    for (int i = 0; i < n; i++) {
      sketch.add(AddressKeys.mix(fingerprint(row, i)));
    }
    state[row] = -sketchesUsed - 2;
    sketchesUsed++;
  }

  boolean isEmpty(int row) {
    return state[row] == 0;
  }

  long count(int row) {
    int s = state[row];
    if (s < SATURATED) {
      return Math.max(EXACT + 1, sketches[-s - 2].estimate());
    }
    return s == SATURATED ? EXACT : s;
  }

  /**
   * Adds {@code from}'s values for {@code fromRow} to this column's {@code row}. Exact fingerprints re-enter by
   * their mix (as a promotion does), so merged and directly-built sets agree exactly below {@value #EXACT}.
   */
  void merge(int row, DistinctColumn from, int fromRow) {
    int s = from.state[fromRow];
    if (s >= 0) {
      if (state[row] == 0 && s > 0) {
        copyInto(row, from, fromRow, s);
        return;
      }
      for (int i = 0; i < s; i++) {
        int fp = from.fingerprint(fromRow, i);
        if (last[row] != fp) {
          addFingerprint(row, fp);
        }
      }
      return;
    }
    if (s == SATURATED) {
      if (state[row] != SATURATED && state[row] >= 0) {
        state[row] = SATURATED;
        saturated++;
      }
      return;
    }
    if (state[row] >= 0) {
      promote(row);
    }
    if (state[row] < SATURATED) {
      sketches[-state[row] - 2].merge(from.sketches[-s - 2]);
    }
  }

  /**
   * An empty row takes {@code from}'s {@code n} exact values as they are: the same set, order and last value that
   * adding them one by one would give (they are distinct and no more than {@value #EXACT}), without the searches.
   * A window's row is empty when its address first appears in the larger window, so this is most merges.
   */
  private void copyInto(int row, DistinctColumn from, int fromRow, int n) {
    System.arraycopy(from.inline, fromRow * INLINE, inline, row * INLINE, Math.min(n, INLINE));
    if (n > INLINE) {
      blockOf[row] = takeBlock();
      System.arraycopy(from.pool, from.blockOf[fromRow], pool, blockOf[row], n - INLINE);
    }
    state[row] = n;
    last[row] = from.fingerprint(fromRow, n - 1);
  }

  /** Adds a stored fingerprint: exact rows compare it as is, sketches take its mix (as {@link #promote} does). */
  private void addFingerprint(int row, int fp) {
    int s = state[row];
    if (s < SATURATED) {
      sketches[-s - 2].add(AddressKeys.mix(fp));
      last[row] = fp;
      return;
    }
    if (s == SATURATED) {
      return;
    }
    // Newest first: a row's recent peers come back most.
    if (s > INLINE) {
      int block = blockOf[row];
      for (int i = block + s - INLINE - 1; i >= block; i--) {
        if (pool[i] == fp) {
          last[row] = fp;
          return;
        }
      }
    }
    int base = row * INLINE;
    for (int i = base + Math.min(s, INLINE) - 1; i >= base; i--) {
      if (inline[i] == fp) {
        last[row] = fp;
        return;
      }
    }
    if (s < EXACT) {
      if (s < INLINE) {
        inline[base + s] = fp;
      } else {
        if (s == INLINE) {
          blockOf[row] = takeBlock();
        }
        pool[blockOf[row] + s - INLINE] = fp;
      }
      state[row] = s + 1;
      last[row] = fp;
      return;
    }
    promote(row);
    addFingerprint(row, fp);
  }

  /** The {@code i}-th exact value of {@code row}, in the order added. */
  private int fingerprint(int row, int i) {
    return i < INLINE ? inline[row * INLINE + i] : pool[blockOf[row] + i - INLINE];
  }

  private int takeBlock() {
    if (poolUsed + BLOCK > pool.length) {
      pool = Arrays.copyOf(pool, Math.max(64 * BLOCK, 2 * pool.length));
    }
    int block = poolUsed;
    poolUsed += BLOCK;
    return block;
  }

  /** Zeroes {@code a[0, n)} by copies of a block of zeros: a stub under C1, where Arrays.fill is a loop. */
  private static void zero(int[] a, int n) {
    for (int at = 0; at < n; at += ZEROS.length) {
      System.arraycopy(ZEROS, 0, a, at, Math.min(ZEROS.length, n - at));
    }
  }

  /** Rows whose count stopped at {@value #EXACT} because every sketch was in use. */
  long saturated() {
    return saturated;
  }

  /** Empties the first {@code rows} rows and returns every sketch to the pool. */
  void clear(int rows) {
    zero(state, Math.min(rows, state.length));
    zero(last, Math.min(rows, last.length));
    for (int i = 0; i < sketchesUsed; i++) {
      sketches[i].clear();
    }
    sketchesUsed = 0;
    saturated = 0;
    poolUsed = 0;
  }

  /** Bytes held, for the memory-bound test. */
  long footprint() {
    return 12L * state.length + 4L * inline.length + 4L * pool.length + (long) sketches.length * 8
        + (long) countAllocatedSketches() * HyperLogLog.REGISTERS;
  }

  private int countAllocatedSketches() {
    int n = 0;
    for (HyperLogLog s : sketches) {
      n += s == null ? 0 : 1;
    }
    return n;
  }
}
