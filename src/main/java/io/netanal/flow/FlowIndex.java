package io.netanal.flow;

import java.util.Arrays;

/**
 * The open flows by key: an open-addressing hash table (linear probing, deletion by backward shift, so no
 * tombstones pile up under churn), grown by doubling while at most half full.
 *
 * <p>A slot is one long, the flow's hash and its id ({@code hash << 32 | id + 1}; 0 is empty), and the flows sit in
 * an array by id: probing past other flows, and shifting them on deletion, reads one array and no flow object.
 * Under a flood every lookup misses and every packet deletes a flow, and each read of another array or a flow
 * would be a cache miss. A flow keeps the id the index gave it for its life, reuse included, so the array by id
 * holds each flow object the table ever made (as many as were ever open at once).
 *
 * <p>Owned by the flow table's thread. Lookups allocate nothing: the key is given as a probe {@link Flow} whose key
 * fields and hash the caller fills.
 */
final class FlowIndex {
  private static final int INITIAL_CAPACITY = 1 << 10;

  private long[] slots = new long[INITIAL_CAPACITY];
  private Flow[] flows = new Flow[INITIAL_CAPACITY >>> 1];
  private int ids;
  private int size;

  int size() {
    return size;
  }

  /** The flow the index gave {@code id}. */
  Flow flow(int id) {
    return flows[id];
  }

  /** The flow with {@code probe}'s key, or null. */
  Flow find(Flow probe) {
    long[] slots = this.slots; // locals: C1 reloads a field on every turn of a loop
    int mask = slots.length - 1;
    int hash = probe.hash;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        return null;
      }
      if ((int) (slot >>> 32) == hash) {
        Flow f = flows[(int) slot - 1];
        if (sameKey(f, probe)) {
          return f;
        }
      }
    }
  }

  /** Adds a flow whose key is not in the index. */
  void add(Flow flow) {
    if (size + 1 > slots.length >>> 1) {
      grow();
    }
    if (flow.id < 0) {
      if (ids == flows.length) {
        flows = Arrays.copyOf(flows, flows.length << 1);
      }
      flow.id = ids++;
      flows[flow.id] = flow;
    }
    insert(slots, slot(flow));
    size++;
  }

  void remove(Flow flow) {
    long[] slots = this.slots;
    int mask = slots.length - 1;
    long slot = slot(flow);
    int i = flow.hash & mask;
    while (slots[i] != slot) {
      if (slots[i] == 0) {
        throw new IllegalStateException("flow index: flow to remove not found");
      }
      i = (i + 1) & mask;
    }
    // Backward-shift deletion: move later entries of the probe run into the hole when their home allows it.
    int hole = i;
    for (int j = (hole + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
      int home = (int) (slots[j] >>> 32) & mask;
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = 0;
    size--;
  }

  private static long slot(Flow flow) {
    return (long) flow.hash << 32 | (flow.id + 1);
  }

  private void grow() {
    long[] larger = new long[slots.length << 1];
    for (long slot : slots) {
      if (slot != 0) {
        insert(larger, slot);
      }
    }
    slots = larger;
  }

  private static void insert(long[] table, long slot) {
    int mask = table.length - 1;
    int i = (int) (slot >>> 32) & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = slot;
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
