package io.netanal.stats;

/**
 * The heaviest keys among those a full {@link CounterTable} turned away: a space-saving sketch (Metwally, Agrawal
 * and El Abbadi, "Efficient computation of frequent and top-k elements in data streams", 2005), set-associative so
 * that each update touches one small set and costs the same whatever the traffic.
 *
 * <p>Owned by one thread. {@value #SETS} sets of {@value #WAYS} entries; a key hashes to one set, with a fixed seed
 * so that the same frames always give the same rows (a crafted flood that aims at one set can only hide heavy keys of
 * that set, never change totals or the cost per update). A key already in its set adds its packets there; a new key
 * takes the set's smallest entry (or an empty one), inheriting that entry's count as its {@code error}: the most
 * packets it may have had before it entered. Each entry's value words (the table's own counters) count only since the
 * key entered, so they are exact lower bounds of its traffic, short by at most {@code error} packets.
 *
 * <p>A key is {@link #reported} as a row when the packets it surely had exceed the smallest count in its set,
 * which bounds the packets of any key of that set not in the sketch: a reported key is heavier than every key
 * left in {@code other}. In a flood of one-packet addresses no entry passes that test (each has one packet since
 * it entered and inherited at least as many), so no address of the flood appears; a key sending more than about
 * {@code 1 / (SETS * WAYS)} of the traffic turned away stays in its set and does. Set loads vary, so that fraction
 * is a typical, not a guaranteed, bound; a set with an empty entry never evicted anything, and its counts are exact.
 */
final class HeavyHitters {
  static final int SETS = 512;
  static final int WAYS = 8;
  private static final long SEED = 0x5DEECE66DL;

  private final int keyWords;
  private final int valueWords;
  // Entry i of set s is s * WAYS + i. A set's keys and counts are contiguous (for one-word keys, one cache line
  // each), so an update reads two or three lines; the value words, apart, are touched for one entry only.
  private final long[] keys;
  /** Packets, error included; 0 for an empty entry. */
  private final long[] counts;
  private final long[] errors;
  private final long[] values;

  HeavyHitters(int keyWords, int valueWords) {
    this.keyWords = keyWords;
    this.valueWords = valueWords;
    this.keys = new long[SETS * WAYS * keyWords];
    this.counts = new long[SETS * WAYS];
    this.errors = new long[SETS * WAYS];
    this.values = new long[SETS * WAYS * valueWords];
  }

  /**
   * The index in {@link #values()} of the key's first value word, after adding {@code packets} to its count; a
   * new key replaces its set's smallest entry, whose value words are zeroed. Unused key words must be 0.
   */
  int add(long k0, long k1, long k2, long k3, long packets) {
    // The fields in locals: C1 reloads a field on every turn of a loop, and a flood's every frame turns this one
    // eight times (a new key is compared with the whole set).
    long[] counts = this.counts;
    long[] keys = this.keys;
    int keyWords = this.keyWords;
    int first = set(k0, k1, k2, k3) * WAYS;
    int smallest = first;
    long smallestCount = Long.MAX_VALUE;
    for (int entry = first; entry < first + WAYS; entry++) {
      long count = counts[entry];
      int k = entry * keyWords;
      if (count != 0 && keys[k] == k0 && (keyWords == 1 || keys[k + 1] == k1
          && (keyWords == 2 || keys[k + 2] == k2 && keys[k + 3] == k3))) {
        counts[entry] = count + packets;
        return entry * valueWords;
      }
      if (count < smallestCount) {
        smallestCount = count;
        smallest = entry;
      }
    }
    counts[smallest] = smallestCount + packets;
    errors[smallest] = smallestCount;
    int k = smallest * keyWords;
    keys[k] = k0;
    if (keyWords > 1) {
      keys[k + 1] = k1;
      if (keyWords > 2) {
        keys[k + 2] = k2;
        keys[k + 3] = k3;
      }
    }
    int at = smallest * valueWords;
    for (int i = 0; i < valueWords; i++) {
      values[at + i] = 0;
    }
    return at;
  }

  /** The entries' value words; an entry's are at the index {@link #add} returns. */
  long[] values() {
    return values;
  }

  /** Number of entries; entry {@code i} is in use when its count is not 0. For iteration off the hot path. */
  int entries() {
    return SETS * WAYS;
  }

  /** Whether entry {@code i} holds a key that is certainly heavier than every key of its set not in the sketch. */
  boolean reported(int entry) {
    long count = counts[entry];
    if (count == 0) {
      return false;
    }
    long floor = Long.MAX_VALUE;
    for (int e = entry / WAYS * WAYS, last = e + WAYS; e < last; e++) {
      floor = Math.min(floor, counts[e]);
    }
    return count - errors[entry] > floor;
  }

  long key(int entry, int word) {
    return keys[entry * keyWords + word];
  }

  long value(int entry, int word) {
    return values[entry * valueWords + word];
  }

  /** Bytes held by the sketch. */
  long memoryBytes() {
    return (keys.length + counts.length + errors.length + values.length) * 8L;
  }

  private int set(long k0, long k1, long k2, long k3) {
    long h = (k0 ^ SEED) * 0x9E3779B97F4A7C15L;
    if (keyWords > 1) {
      h = (h ^ k1) * 0xC2B2AE3D27D4EB4FL;
      h = (h ^ k2 ^ (k3 * 0x165667B19E3779F9L)) * 0x9E3779B97F4A7C15L;
    }
    return (int) (h >>> 32) & (SETS - 1);
  }
}
