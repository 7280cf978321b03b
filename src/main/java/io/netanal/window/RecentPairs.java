package io.netanal.window;

/**
 * The (source, destination) address pairs a {@link TrafficTable} counted lately, with their rows and the last
 * destination port counted for each: most packets repeat a recent pair (a stream's data one way, its ACKs the
 * other, a few conversations interleaved), and a repeat needs no address hash, no row lookup and no distinct-set
 * add of either address, whose sets already hold it (sets only grow within a window, so skipping a value already
 * in one changes no count).
 *
 * <p>Direct-mapped: {@value #ENTRIES} entries, a pair's entry chosen by a multiplicative hash of its addresses'
 * low halves; a new pair takes its entry's place. Owned by the table's thread; entries are valid until the table
 * is cleared (a row keeps its address until then), which {@link #clear()} does in one step by moving to a new
 * generation.
 */
final class RecentPairs {
  static final int NONE = -1;
  private static final int BITS = 6;
  private static final int ENTRIES = 1 << BITS;
  private static final long NO_PORT = -1;

  private final long[] sourceHigh = new long[ENTRIES];
  private final long[] sourceLow = new long[ENTRIES];
  private final long[] destinationHigh = new long[ENTRIES];
  private final long[] destinationLow = new long[ENTRIES];
  private final int[] source = new int[ENTRIES];
  private final int[] destination = new int[ENTRIES];
  private final long[] port = new long[ENTRIES];
  /** An entry is valid when its stamp is the current generation. */
  private final int[] stamp = new int[ENTRIES];
  private int generation = 1;

  private static int entry(long sl, long dl) {
    return (int) (((sl * 0x9E3779B97F4A7C15L) + dl) * 0xBF58476D1CE4E5B9L >>> (64 - BITS));
  }

  /** The entry of a pair counted before in this window, or {@link #NONE}. */
  int find(long sh, long sl, long dh, long dl) {
    int e = entry(sl, dl);
    return stamp[e] == generation && sourceLow[e] == sl && destinationLow[e] == dl && sourceHigh[e] == sh
        && destinationHigh[e] == dh ? e : NONE;
  }

  /** Remembers a pair whose rows were just found and whose addresses were just added to their sets. */
  int remember(long sh, long sl, long dh, long dl, int s, int r) {
    int e = entry(sl, dl);
    sourceHigh[e] = sh;
    sourceLow[e] = sl;
    destinationHigh[e] = dh;
    destinationLow[e] = dl;
    source[e] = s;
    destination[e] = r;
    port[e] = NO_PORT;
    stamp[e] = generation;
    return e;
  }

  int source(int e) {
    return source[e];
  }

  int destination(int e) {
    return destination[e];
  }

  /**
   * Whether {@code protocolPort} (protocol and destination port) differs from the pair's last: then it must be
   * added to the source's set of destination ports, and is remembered.
   */
  boolean newPort(int e, long protocolPort) {
    if (port[e] == protocolPort) {
      return false;
    }
    port[e] = protocolPort;
    return true;
  }

  void clear() {
    if (++generation == 0) { // after 2^32 windows: stamps of the first generations would look current
      java.util.Arrays.fill(stamp, 0);
      generation = 1;
    }
  }
}
