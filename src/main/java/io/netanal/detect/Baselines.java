package io.netanal.detect;

import java.util.Arrays;

/**
 * Each target's usual rate of a kind of traffic (UDP or ICMP packets received per second), as an exponential
 * average of its earlier windows (alpha 0.2), for the flood detectors' "beyond its baseline" rule.
 *
 * <p>Owned by the engine's thread. Bounded: the {@value #MAX_ENTRIES} most recently used (kind, target) entries,
 * least recently used out first, where reading an entry uses it (as a {@code LinkedHashMap} in access order); an
 * unknown target's baseline is 0, so only the absolute floor applies. A window that raised a flood does not move
 * the baseline, so a long flood does not become its own normal.
 *
 * <p>Primitive arrays rather than a map of boxed keys: the flood detectors read and move a baseline for every
 * target that received UDP or ICMP in every 5 s window. Targets are keyed as the window tables key them (two
 * longs, IPv4 mapped), so a row's baseline is found without its address text. Entries are linked in use order;
 * the index is open addressing with linear probing, emptied by backward shift.
 */
final class Baselines {
  static final int MAX_ENTRIES = 4096;
  private static final double ALPHA = 0.2;
  private static final int NIL = -1;

  private final int maxEntries;
  /** The kinds seen (a handful of detector ids), by their index in the entries. */
  private String[] kinds = new String[0];
  private final int[] kind;
  private final long[] high;
  private final long[] low;
  private final double[] rate;
  /** Use order: {@link #eldest} to {@link #newest} through {@link #next}, back through {@link #previous}. */
  private final int[] previous;
  private final int[] next;
  private int eldest = NIL;
  private int newest = NIL;
  /** Entries never used yet are {@code [used, length)}; freed ones are chained through {@link #next}. */
  private int used;
  private int free = NIL;
  private int size;
  /** The entry {@link #get} found last, until an entry is removed. */
  private int lastRead = NIL;
  /** Entry + 1 per slot, 0 when empty; at most half full. */
  private final int[] slots;
  private final int mask;

  Baselines() {
    this(MAX_ENTRIES);
  }

  Baselines(int maxEntries) {
    this.maxEntries = maxEntries;
    int capacity = maxEntries + 1; // one more while the eldest makes way
    kind = new int[capacity];
    high = new long[capacity];
    low = new long[capacity];
    rate = new double[capacity];
    previous = new int[capacity];
    next = new int[capacity];
    slots = new int[Integer.highestOneBit(capacity * 2 - 1) << 1];
    mask = slots.length - 1;
  }

  /** The baseline of {@code kind} for a target: 0 for a target not seen before. Counts as a use. */
  double get(String kind, long high, long low) {
    int e = find(kindIndex(kind), high, low);
    if (e == NIL) {
      return 0;
    }
    touch(e);
    lastRead = e; // a detector reads a baseline, then moves it
    return rate[e];
  }

  /**
   * Moves the baseline towards {@code rate}. It starts from 0, so a flood's first, partial window does not become
   * its baseline; steady traffic reaches its own level within a few windows.
   */
  void update(String kind, long high, long low, double rate) {
    int k = kindIndex(kind);
    int e = lastRead != NIL && low == this.low[lastRead] && high == this.high[lastRead] && this.kind[lastRead] == k
        ? lastRead : find(k, high, low);
    if (e != NIL) {
      touch(e);
      double old = this.rate[e];
      this.rate[e] = old + ALPHA * (rate - old);
      return;
    }
    e = add(k, high, low);
    this.rate[e] = 0 + ALPHA * (rate - 0); // as from a baseline of 0
    if (size > maxEntries) {
      remove(eldest);
    }
  }

  int size() {
    return size;
  }

  private int kindIndex(String name) {
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i].equals(name)) {
        return i;
      }
    }
    kinds = Arrays.copyOf(kinds, kinds.length + 1);
    kinds[kinds.length - 1] = name;
    return kinds.length - 1;
  }

  private static int hash(int kind, long high, long low) {
    long z = (high * 0x9E3779B97F4A7C15L + low) * 31 + kind;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (int) (z ^ (z >>> 31));
  }

  private int find(int k, long h, long l) {
    for (int slot = hash(k, h, l) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
      int e = slots[slot] - 1;
      if (low[e] == l && high[e] == h && kind[e] == k) {
        return e;
      }
    }
    return NIL;
  }

  /** A new entry, newest in use order. */
  private int add(int k, long h, long l) {
    int e;
    if (free != NIL) {
      e = free;
      free = next[e];
    } else {
      e = used++;
    }
    kind[e] = k;
    high[e] = h;
    low[e] = l;
    int slot = hash(k, h, l) & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = e + 1;
    link(e);
    size++;
    return e;
  }

  private void remove(int e) {
    lastRead = NIL;
    int slot = hash(kind[e], high[e], low[e]) & mask;
    while (slots[slot] != e + 1) {
      slot = (slot + 1) & mask;
    }
    // Backward shift: move later entries of the probe run into the hole, so no lookup stops early.
    int hole = slot;
    for (int s = (hole + 1) & mask; slots[s] != 0; s = (s + 1) & mask) {
      int m = slots[s] - 1;
      int home = hash(kind[m], high[m], low[m]) & mask;
      if (((s - home) & mask) >= ((s - hole) & mask)) {
        slots[hole] = slots[s];
        hole = s;
      }
    }
    slots[hole] = 0;
    unlink(e);
    next[e] = free;
    free = e;
    size--;
  }

  private void touch(int e) {
    if (e != newest) {
      unlink(e);
      link(e);
    }
  }

  private void link(int e) {
    previous[e] = newest;
    next[e] = NIL;
    if (newest != NIL) {
      next[newest] = e;
    } else {
      eldest = e;
    }
    newest = e;
  }

  private void unlink(int e) {
    int p = previous[e];
    int n = next[e];
    if (p != NIL) {
      next[p] = n;
    } else {
      eldest = n;
    }
    if (n != NIL) {
      previous[n] = p;
    } else {
      newest = p;
    }
  }
}
