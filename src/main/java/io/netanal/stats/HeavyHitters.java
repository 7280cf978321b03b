package io.netanal.stats;

/**
 * The heaviest keys among those a full {@link CounterTable} turned away: a space-saving sketch (Metwally, Agrawal
 * and El Abbadi, "Efficient computation of frequent and top-k elements in data streams", 2005), set-associative so
 * that each update touches one small set and costs the same whatever the traffic.
 *
 * <p>Owned by one thread. {@value #SETS} sets of {@value #WAYS} entries; a key hashes to one set, with a fixed
 * seed so that the same frames always give the same rows (a crafted flood that aims at one set can only hide
 * heavy keys of that set, never change totals or the cost per update). A key already in its set adds its packets there; a new key takes the set's smallest entry (or an empty
 * one), inheriting that entry's count as its {@code error}: the most packets it may have had before it entered.
 * Each entry's value words (the table's own counters) count only since the key entered, so they are exact lower
 * bounds of its traffic, short by at most {@code error} packets.
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
  // Per entry: count (packets, error included; 0 = empty), error, the key words, the value words.
  private static final int COUNT = 0;
  private static final int ERROR = 1;

  private final int keyWords;
  private final int valueWords;
  private final int stride;
  private static final long SEED = 0x5DEECE66DL;
  private final long[] words;

  HeavyHitters(int keyWords, int valueWords) {
    this.keyWords = keyWords;
    this.valueWords = valueWords;
    this.stride = 2 + keyWords + valueWords;
    this.words = new long[SETS * WAYS * stride];
  }

  /**
   * The index in {@link #words()} of the key's first value word, after adding {@code packets} to its count; a new
   * key replaces its set's smallest entry, whose value words are zeroed. Unused key words must be 0.
   */
  int add(long k0, long k1, long k2, long k3, long packets) {
    int set = set(k0, k1, k2, k3);
    int smallest = -1;
    long smallestCount = Long.MAX_VALUE;
    for (int way = 0, base = set * WAYS * stride; way < WAYS; way++, base += stride) {
      long count = words[base + COUNT];
      if (count != 0 && words[base + 2] == k0 && (keyWords == 1 || words[base + 3] == k1
          && (keyWords == 2 || words[base + 4] == k2 && words[base + 5] == k3))) {
        words[base + COUNT] = count + packets;
        return base + 2 + keyWords;
      }
      if (count < smallestCount) {
        smallestCount = count;
        smallest = base;
      }
    }
    int base = smallest;
    words[base + COUNT] = smallestCount + packets;
    words[base + ERROR] = smallestCount;
    words[base + 2] = k0;
    if (keyWords > 1) {
      words[base + 3] = k1;
      if (keyWords > 2) {
        words[base + 4] = k2;
        words[base + 5] = k3;
      }
    }
    java.util.Arrays.fill(words, base + 2 + keyWords, base + stride, 0);
    return base + 2 + keyWords;
  }

  /** The backing array; value words are at the indices {@link #add} returns. */
  long[] words() {
    return words;
  }

  /** Number of entries; entry {@code i} is in use when its count is not 0. For iteration off the hot path. */
  int entries() {
    return SETS * WAYS;
  }

  /** Whether entry {@code i} holds a key that is certainly heavier than every key of its set not in the sketch. */
  boolean reported(int entry) {
    int base = entry * stride;
    long count = words[base + COUNT];
    if (count == 0) {
      return false;
    }
    long floor = Long.MAX_VALUE;
    for (int way = 0, b = entry / WAYS * WAYS * stride; way < WAYS; way++, b += stride) {
      floor = Math.min(floor, words[b + COUNT]);
    }
    return count - words[base + ERROR] > floor;
  }

  /** The most packets the key of entry {@code i} may have had before its counts began. */
  long error(int entry) {
    return words[entry * stride + ERROR];
  }

  long key(int entry, int word) {
    return words[entry * stride + 2 + word];
  }

  long value(int entry, int word) {
    return words[entry * stride + 2 + keyWords + word];
  }

  int valueWords() {
    return valueWords;
  }

  /** Bytes held by the sketch. */
  long memoryBytes() {
    return words.length * 8L;
  }

  private int set(long k0, long k1, long k2, long k3) {
    long h = (k0 ^ SEED) * 0x9E3779B97F4A7C15L;
    h = (h ^ k1) * 0xC2B2AE3D27D4EB4FL;
    h = (h ^ k2 ^ (k3 * 0x165667B19E3779F9L)) * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32) & (SETS - 1);
  }
}
