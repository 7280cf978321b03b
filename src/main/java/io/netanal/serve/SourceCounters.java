package io.netanal.serve;

/**
 * Packets and bytes per (window start, source address), in an open-addressing table of longs: no boxing and no
 * allocation per frame, however many frames an upload holds.
 *
 * <p>Owned by the one thread that decodes an upload. A key is three longs: the window start tagged with the IP
 * version and the overflow mark ({@code start * 4 + (other ? 2 : 0) + (v6 ? 1 : 0)}), and the address (IPv4 in
 * the low word, IPv6 in both). Bounded: past {@value #MAX_KEYS} keys (about 25 MB), a new (window, source)
 * counts in its window's {@code other} entry, so spoofed sources cannot grow one request's memory.
 */
final class SourceCounters {
  static final int MAX_KEYS = 1 << 18;
  private static final int STRIDE = 6; // used, tagged start, address high, address low, packets, bytes
  private long[] slots = new long[64 * STRIDE];
  private int size;

  void add(long start, boolean v6, long high, long low, long wireBytes) {
    if (size >= MAX_KEYS && !contains(start * 4 + (v6 ? 1 : 0), high, low)) {
      put(start * 4 + 2, 0, 0, wireBytes);
      return;
    }
    put(start * 4 + (v6 ? 1 : 0), high, low, wireBytes);
  }

  private boolean contains(long tagged, long high, long low) {
    int capacity = slots.length / STRIDE;
    for (int i = index(tagged, high, low, capacity); slots[i * STRIDE] != 0; i = (i + 1) & (capacity - 1)) {
      int at = i * STRIDE;
      if (slots[at + 1] == tagged && slots[at + 2] == high && slots[at + 3] == low) {
        return true;
      }
    }
    return false;
  }

  private void put(long tagged, long high, long low, long wireBytes) {
    int capacity = slots.length / STRIDE;
    int i = index(tagged, high, low, capacity);
    while (true) {
      int at = i * STRIDE;
      if (slots[at] == 0) {
        slots[at] = 1;
        slots[at + 1] = tagged;
        slots[at + 2] = high;
        slots[at + 3] = low;
        slots[at + 4] = 1;
        slots[at + 5] = wireBytes;
        if (++size * 4 > capacity * 3) {
          grow();
        }
        return;
      }
      if (slots[at + 1] == tagged && slots[at + 2] == high && slots[at + 3] == low) {
        slots[at + 4]++;
        slots[at + 5] += wireBytes;
        return;
      }
      i = (i + 1) & (capacity - 1);
    }
  }

  /** Receives each entry once, in no particular order; {@code other}: the sources past the cap. */
  @FunctionalInterface
  interface Visitor {
    void entry(long start, boolean v6, boolean other, long high, long low, long packets, long bytes);
  }

  void forEach(Visitor visitor) {
    for (int at = 0; at < slots.length; at += STRIDE) {
      if (slots[at] != 0) {
        long tagged = slots[at + 1];
        visitor.entry(tagged >> 2, (tagged & 1) != 0, (tagged & 2) != 0, slots[at + 2], slots[at + 3],
            slots[at + 4], slots[at + 5]);
      }
    }
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    int capacity = slots.length / STRIDE;
    for (int at = 0; at < old.length; at += STRIDE) {
      if (old[at] != 0) {
        int i = index(old[at + 1], old[at + 2], old[at + 3], capacity);
        while (slots[i * STRIDE] != 0) {
          i = (i + 1) & (capacity - 1);
        }
        System.arraycopy(old, at, slots, i * STRIDE, STRIDE);
        size++;
      }
    }
  }

  private static int index(long tagged, long high, long low, int capacity) {
    long h = tagged * 0x9E3779B97F4A7C15L ^ high * 0xC2B2AE3D27D4EB4FL ^ low * 0x165667B19E3779F9L;
    h ^= h >>> 29;
    return (int) h & (capacity - 1);
  }
}
