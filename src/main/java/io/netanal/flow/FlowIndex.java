package io.netanal.flow;

/**
 * The open flows by key: an open-addressing hash table of {@link Flow}s (linear probing, deletion by backward
 * shift, so no tombstones pile up under churn), grown by doubling while at most half full. Each slot's hash sits
 * beside it in an int array, so probing past other flows (and shifting them on deletion) reads no flow object:
 * under a flood every lookup misses and every packet deletes a flow, and each flow read would be a cache miss.
 *
 * <p>Owned by the flow table's thread. Lookups allocate nothing: the key is given as a probe {@link Flow} whose key
 * fields the caller fills.
 */
final class FlowIndex {
  private static final int INITIAL_CAPACITY = 1 << 10;

  private Flow[] slots = new Flow[INITIAL_CAPACITY];
  private int[] hashes = new int[INITIAL_CAPACITY];
  private int size;

  int size() {
    return size;
  }

  /** The flow with {@code probe}'s key, or null. */
  Flow find(Flow probe) {
    int mask = slots.length - 1;
    int hash = probe.hash;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Flow f = slots[i];
      if (f == null) {
        return null;
      }
      if (hashes[i] == hash && sameKey(f, probe)) {
        return f;
      }
    }
  }

  /** Adds a flow whose key is not in the index. */
  void add(Flow flow) {
    if (size + 1 > slots.length >>> 1) {
      grow();
    }
    insert(slots, hashes, flow);
    size++;
  }

  void remove(Flow flow) {
    int mask = slots.length - 1;
    int i = flow.hash & mask;
    while (slots[i] != flow) {
      if (slots[i] == null) {
        throw new IllegalStateException("flow index: flow to remove not found");
      }
      i = (i + 1) & mask;
    }
    // Backward-shift deletion: move later entries of the probe run into the hole when their home allows it.
    int hole = i;
    for (int j = (hole + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
      int home = hashes[j] & mask;
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        slots[hole] = slots[j];
        hashes[hole] = hashes[j];
        hole = j;
      }
    }
    slots[hole] = null;
    size--;
  }

  private void grow() {
    Flow[] larger = new Flow[slots.length << 1];
    int[] largerHashes = new int[larger.length];
    for (Flow f : slots) {
      if (f != null) {
        insert(larger, largerHashes, f);
      }
    }
    slots = larger;
    hashes = largerHashes;
  }

  private static void insert(Flow[] table, int[] tableHashes, Flow flow) {
    int mask = table.length - 1;
    int i = flow.hash & mask;
    while (table[i] != null) {
      i = (i + 1) & mask;
    }
    table[i] = flow;
    tableHashes[i] = flow.hash;
  }

  static boolean sameKey(Flow a, Flow b) {
    return a.aLow == b.aLow && a.bLow == b.bLow && a.aPort == b.aPort && a.bPort == b.bPort
        && a.protocol == b.protocol && a.aHigh == b.aHigh && a.bHigh == b.bHigh && a.vlan == b.vlan
        && a.ipVersion == b.ipVersion;
  }

  /** A well-mixed hash of a key (MurmurHash3's 64-bit finaliser over the fields folded together). */
  static int hash(Flow k) {
    long h = k.aHigh * 0x9E3779B97F4A7C15L ^ k.aLow;
    h = h * 0x9E3779B97F4A7C15L ^ k.bHigh;
    h = h * 0x9E3779B97F4A7C15L ^ k.bLow;
    h = h * 0x9E3779B97F4A7C15L
        ^ (((long) k.aPort << 48) | ((long) (k.bPort & 0xffff) << 32) | ((long) k.protocol << 20)
        | ((long) (k.vlan & 0xffff) << 4) | k.ipVersion);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb3f97a1cb64bL;
    h ^= h >>> 33;
    return (int) h;
  }
}
