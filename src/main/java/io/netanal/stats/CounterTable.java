package io.netanal.stats;

import java.util.concurrent.ThreadLocalRandom;

/**
 * An open-addressing hash table from a fixed-width key of 1, 2 or 4 longs to a fixed number of long counters,
 * all in one {@code long[]}: the endpoint and conversation tables' storage, with no boxing and no allocation per
 * lookup.
 *
 * <p>Owned by one thread. Each slot is {@code stride} words: a used flag, the key words, the value words, so a
 * lookup usually touches one cache line. Linear probing; the table doubles at 3/4 load until it can hold
 * {@code maxEntries} and then stops growing: {@link #slotOf} returns {@link #FULL} for a new key, and the caller
 * counts that traffic elsewhere (the {@code other} row). Memory is therefore bounded by
 * {@code slotsFor(maxEntries) * stride * 8} bytes. The hash is seeded per table so that crafted addresses cannot
 * pick colliding slots in advance.
 *
 * <p>A full table never changes its keys again, and a lookup of an absent key in it walks a whole cluster of used
 * slots (about nine at its 76% load, each in a different part of a 12 to 23 MB array): in a flood of new addresses
 * that is nearly every lookup, and it was a third of the time per frame. So when the table fills, its keys are also
 * put in a blocked Bloom filter of {@link #FILTER_BITS_PER_SLOT} bits per slot (one cache line per key, five bits;
 * about 1% false positives at the default cap, and small enough (256 KB) to stay in a core's L2 cache), and a key the
 * filter does not know is answered {@link #FULL} without a probe.
 */
final class CounterTable {
  static final int FULL = -1;
  private static final int INITIAL_SLOTS = 256;

  /** Keeps {@code slots * stride} far below {@code Integer.MAX_VALUE} for every key and value width used. */
  static final int MAX_ENTRIES = 1 << 24;
  static final int FILTER_BITS_PER_SLOT = 8;
  /** Filter block: 8 longs, one 64-byte cache line. */
  private static final int BLOCK_WORDS = 8;
  private static final int FILTER_HASHES = 5;

  private final int keyWords;
  private final int stride;
  private final int maxEntries;
  private final int maxSlots;
  private final long seed = ThreadLocalRandom.current().nextLong() | 1;
  private long[] words;
  private int slots;
  private int size;
  /** Changes whenever slots move (the table grows), so that callers caching slot indices know to drop them. */
  private int generation;
  /** The keys as a blocked Bloom filter, once the table is full (null before). */
  private long[] filter;
  private int filterBlockMask;

  CounterTable(int keyWords, int valueWords, int maxEntries) {
    if (keyWords != 1 && keyWords != 2 && keyWords != 4) {
      throw new IllegalArgumentException("keyWords: " + keyWords + " (expected: 1, 2 or 4)");
    }
    if (maxEntries < 1 || maxEntries > MAX_ENTRIES) {
      throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: 1 to " + MAX_ENTRIES + ")");
    }
    this.keyWords = keyWords;
    this.stride = 1 + keyWords + valueWords;
    this.maxEntries = maxEntries;
    this.maxSlots = slotsFor(maxEntries);
    this.slots = Math.min(INITIAL_SLOTS, maxSlots);
    this.words = new long[slots * stride];
  }

  /** The smallest power of two that holds {@code entries} at no more than 80% load (at least 2). */
  static int slotsFor(int entries) {
    long needed = (entries * 5L + 3) / 4;
    int slots = 2;
    while (slots < needed) {
      slots <<= 1;
    }
    return slots;
  }

  /**
   * The index of the key's first value word in {@link #words()}, adding the key (counters zero) when absent, or
   * {@link #FULL} when it is absent and the table holds {@code maxEntries} keys. Unused key words must be 0.
   */
  int slotOf(long k0, long k1, long k2, long k3) {
    if (size * 4L >= slots * 3L && slots < maxSlots) {
      grow();
    }
    int hash = hash(k0, k1, k2, k3);
    if (filter != null && !mayContain(hash)) {
      return FULL;
    }
    int mask = slots - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int base = slot * stride;
      if (words[base] == 0) {
        if (size >= maxEntries) {
          return FULL;
        }
        words[base] = 1;
        words[base + 1] = k0;
        if (keyWords > 1) {
          words[base + 2] = k1;
          if (keyWords > 2) {
            words[base + 3] = k2;
            words[base + 4] = k3;
          }
        }
        size++;
        if (size == maxEntries) {
          buildFilter();
        }
        return base + 1 + keyWords;
      }
      if (words[base + 1] == k0 && (keyWords == 1 || words[base + 2] == k1
          && (keyWords == 2 || words[base + 3] == k2 && words[base + 4] == k3))) {
        return base + 1 + keyWords;
      }
    }
  }

  /** Like {@link #slotOf} but never adds the key: its first value word's index, or -1 when it is absent. */
  int indexOf(long k0, long k1, long k2, long k3) {
    int mask = slots - 1;
    for (int slot = hash(k0, k1, k2, k3) & mask; ; slot = (slot + 1) & mask) {
      int base = slot * stride;
      if (words[base] == 0) {
        return -1;
      }
      if (words[base + 1] == k0 && (keyWords == 1 || words[base + 2] == k1
          && (keyWords == 2 || words[base + 3] == k2 && words[base + 4] == k3))) {
        return base + 1 + keyWords;
      }
    }
  }

  int maxEntries() {
    return maxEntries;
  }

  int keyWords() {
    return keyWords;
  }

  /** Adds {@code delta} to the word at {@code index}, an index {@link #slotOf} returned plus a value offset. */
  void add(int index, long delta) {
    words[index] += delta;
  }

  long get(int index) {
    return words[index];
  }

  /**
   * The backing array; valid until the next {@link #slotOf} call, which may replace it (so fetch it after that
   * call, never as in {@code words()[slotOf(...)]}, where Java reads the old array first).
   */
  long[] words() {
    return words;
  }

  int size() {
    return size;
  }

  /** Number of slots; slot {@code i} is used when {@link #used(int)}. For iteration off the hot path. */
  int slots() {
    return slots;
  }

  boolean used(int slot) {
    return words[slot * stride] != 0;
  }

  long key(int slot, int word) {
    return words[slot * stride + 1 + word];
  }

  long value(int slot, int word) {
    return words[slot * stride + 1 + keyWords + word];
  }

  /** Bytes held by the backing array and the filter of a full table. */
  long memoryBytes() {
    return words.length * 8L + (filter == null ? 0 : filter.length * 8L);
  }

  private void buildFilter() {
    int blocks = Math.max(1, slots * FILTER_BITS_PER_SLOT / (BLOCK_WORDS * 64));
    filter = new long[blocks * BLOCK_WORDS];
    filterBlockMask = blocks - 1;
    for (int slot = 0; slot < slots; slot++) {
      int base = slot * stride;
      if (words[base] != 0) {
        long k1 = keyWords > 1 ? words[base + 2] : 0;
        long k2 = keyWords > 2 ? words[base + 3] : 0;
        long k3 = keyWords > 2 ? words[base + 4] : 0;
        long bits = filterBits(hash(words[base + 1], k1, k2, k3));
        int block = (int) (bits >>> 45) & filterBlockMask;
        for (int i = 0; i < FILTER_HASHES; i++, bits >>>= 9) {
          filter[block * BLOCK_WORDS + (int) (bits >>> 6 & 7)] |= 1L << bits;
        }
      }
    }
  }

  /** False when the key of this hash is certainly not in the (full) table. */
  private boolean mayContain(int hash) {
    long[] filter = this.filter; // a local: C1 reloads a field on every turn of the loop
    long bits = filterBits(hash);
    int at = ((int) (bits >>> 45) & filterBlockMask) * BLOCK_WORDS;
    for (int i = 0; i < FILTER_HASHES; i++, bits >>>= 9) {
      if ((filter[at + (int) (bits >>> 6 & 7)] & 1L << bits) == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * 64 bits spread from the slot hash: five 9-bit fields in bits 0-44 (word 3 bits, bit 6 bits; {@code 1L << bits}
   * uses the low 6 bits), shifted down 9 at a time, and the block index from bit 45 up (19 bits: enough for tables of
   * up to 2^24 slots; the few larger caps leave part of their filter unused, which only raises the false positive
   * rate).
   */
  private static long filterBits(int hash) {
    long h = (hash & 0xffffffffL) * 0xD6E8FEB86659FD93L;
    return h ^ (h >>> 29);
  }

  private int hash(long k0, long k1, long k2, long k3) {
    if (keyWords == 1) {
      // One-word keys (IPv4 endpoints and conversations) are most lookups: one multiply and a fold suffice.
      long h = (k0 ^ seed) * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 29) ^ (h >>> 32));
    }
    long h = (k0 ^ seed) * 0x9E3779B97F4A7C15L;
    h = (h ^ k1) * 0xC2B2AE3D27D4EB4FL;
    h = (h ^ k2) * 0x165667B19E3779F9L;
    h = (h ^ k3) * 0x9E3779B97F4A7C15L;
    h ^= h >>> 32;
    h *= 0xD6E8FEB86659FD93L;
    return (int) (h ^ (h >>> 32));
  }

  /** Bumped by every growth: slot indices from {@link #slotOf} stay valid while it is unchanged. */
  int generation() {
    return generation;
  }

  private void grow() {
    generation++;
    long[] old = words;
    int oldSlots = slots;
    slots = oldSlots * 2;
    words = new long[slots * stride];
    int mask = slots - 1;
    for (int oldSlot = 0; oldSlot < oldSlots; oldSlot++) {
      int from = oldSlot * stride;
      if (old[from] == 0) {
        continue;
      }
      long k1 = keyWords > 1 ? old[from + 2] : 0;
      long k2 = keyWords > 2 ? old[from + 3] : 0;
      long k3 = keyWords > 2 ? old[from + 4] : 0;
      int slot = hash(old[from + 1], k1, k2, k3) & mask;
      while (words[slot * stride] != 0) {
        slot = (slot + 1) & mask;
      }
      System.arraycopy(old, from, words, slot * stride, stride);
    }
  }
}
