package io.netanal.stats;

import io.netanal.frame.AddressFormat;
import io.netanal.decode.DecodedFrame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Packets and wire bytes sent and received per IP address, like tshark's {@code -z endpoints,ip} and
 * {@code endpoints,ipv6} together.
 *
 * <p>Owned by the one thread that records. Every IP layer of a frame counts: its source as a sender, its
 * destination as a receiver. A tunnelled frame whose two layers share an address therefore counts that address
 * twice, as tshark does (the endpoint tap runs once per IP header).
 *
 * <p>Bounded: IPv4 and IPv6 each hold at most {@code maxEntriesPerFamily} addresses (default
 * {@value #DEFAULT_MAX_ENTRIES}, about 13 MB for IPv4 and 15 MB for IPv6 when full). Once a family is full, new
 * addresses are counted in the {@code "other"} row and known ones keep counting; nothing is evicted from the
 * table, so its rows are exact and the sum over all rows stays exact. Addresses first seen after a flood of
 * spoofed ones would then only be visible as {@code other}: a {@link HeavyHitters} sketch per family watches the
 * traffic turned away, and the addresses it proves heavier than everything left in {@code other} get rows of
 * their own (counted from when the sketch took them in, so short by at most the sketch's error), taken out of
 * {@code other}.
 */
final class EndpointTable {
  static final int DEFAULT_MAX_ENTRIES = 200_000;
  static final String OTHER = "other";

  static final int SENT = 0;
  static final int RECEIVED = 1;
  // Value words: packets sent, packets received, bytes sent, bytes received.
  private static final int VALUE_WORDS = 4;
  private static final Comparator<Endpoint> ORDER =
      Comparator.comparingLong((Endpoint e) -> e.packetsSent() + e.packetsReceived()).reversed()
          .thenComparing(Comparator.comparingLong((Endpoint e) -> e.bytesSent() + e.bytesReceived()).reversed())
          .thenComparing(Endpoint::address);

  private final CounterTable ipv4;
  private final CounterTable ipv6;
  private final HeavyHitters ipv4Heavy = new HeavyHitters(1, VALUE_WORDS);
  private final HeavyHitters ipv6Heavy = new HeavyHitters(2, VALUE_WORDS);
  /** Everything the full tables turned away, the sketches' rows included. */
  private final long[] other = new long[VALUE_WORDS];
  private boolean overflowed;
  // The last two addresses ipv4Slot looked up, most recent first, with their slots, while the table's generation
  // is recentGeneration (slots move only when it grows). A flood of new pairs misses the pair cache on every frame,
  // and one side of each pair is mostly the same address (the target's): its lookup (a hash and five bits of the
  // filter, then a probe) is spared.
  private int recentAddress0;
  private int recentSlot0;
  private int recentAddress1;
  private int recentSlot1;
  private int recentGeneration = -1;

  EndpointTable() {
    this(DEFAULT_MAX_ENTRIES);
  }

  EndpointTable(int maxEntriesPerFamily) {
    ipv4 = new CounterTable(1, VALUE_WORDS, maxEntriesPerFamily);
    ipv6 = new CounterTable(2, VALUE_WORDS, maxEntriesPerFamily);
  }

  void record(DecodedFrame decoded, long wireBytes) {
    for (int layer = 0, layers = decoded.ipCount(); layer < layers; layer++) {
      if (decoded.ipVersion(layer) == 4) {
        recordIpv4(decoded.ipv4Source(layer), SENT, wireBytes);
        recordIpv4(decoded.ipv4Destination(layer), RECEIVED, wireBytes);
      } else {
        countIpv6(decoded.ipv6SourceHigh(layer), decoded.ipv6SourceLow(layer), SENT, 1, wireBytes);
        countIpv6(decoded.ipv6DestinationHigh(layer), decoded.ipv6DestinationLow(layer), RECEIVED, 1, wireBytes);
      }
    }
  }

  /**
   * Adds {@code from}'s counts as if its frames had been recorded here after this table's. Exact while nothing is
   * turned away ({@link #canAbsorb}); otherwise the addresses that no longer fit go to {@code other} in
   * {@code from}'s slot order, and {@code from}'s sketch rows enter this sketch as single updates, so which
   * addresses get rows may differ from one table recording every frame.
   */
  void merge(EndpointTable from) {
    mergeFamily(from.ipv4, from.ipv4Heavy, ipv4, ipv4Heavy);
    mergeFamily(from.ipv6, from.ipv6Heavy, ipv6, ipv6Heavy);
    for (int i = 0; i < VALUE_WORDS; i++) {
      other[i] += from.other[i];
    }
    overflowed |= from.overflowed;
  }

  /**
   * Whether {@link #merge} of {@code from} is exact: neither table has turned an address away and both families
   * of {@code from} fit in the room this one has left.
   */
  boolean canAbsorb(EndpointTable from) {
    return !overflowed && !from.overflowed && fits(from.ipv4, ipv4) && fits(from.ipv6, ipv6);
  }

  /** Whether an address has been counted in {@code other} (a family was full). */
  boolean overflowed() {
    return overflowed;
  }

  /** The IPv4 table's slot for {@code address} (added if new), or {@link CounterTable#FULL}. */
  int ipv4Slot(int address) {
    if (recentGeneration == ipv4.generation()) {
      if (address == recentAddress0) {
        return recentSlot0;
      }
      if (address == recentAddress1) {
        int slot = recentSlot1;
        recentAddress1 = recentAddress0;
        recentSlot1 = recentSlot0;
        recentAddress0 = address;
        recentSlot0 = slot;
        return slot;
      }
    }
    int slot = ipv4.slotOf(address & 0xffffffffL, 0, 0, 0);
    if (recentGeneration != ipv4.generation()) {
      recentGeneration = ipv4.generation(); // both entries from before a growth are stale: forget the older
      recentAddress1 = address;
      recentSlot1 = slot;
    } else {
      recentAddress1 = recentAddress0;
      recentSlot1 = recentSlot0;
    }
    recentAddress0 = address;
    recentSlot0 = slot;
    return slot;
  }

  int ipv4Generation() {
    return ipv4.generation();
  }

  /**
   * Counts one frame sent ({@code direction} {@link #SENT}) or received by {@code address}, whose
   * {@link #ipv4Slot} is {@code at} (the caller's cached lookup).
   */
  void countIpv4(int at, int address, int direction, long wireBytes) {
    if (at == CounterTable.FULL) {
      turnedAway(ipv4Heavy, address & 0xffffffffL, 0, direction, 1, wireBytes);
    } else {
      add(ipv4.words(), at, direction, 1, wireBytes);
    }
  }

  /**
   * {@link #countIpv4} for a frame's source and destination at once, both slots known and neither
   * {@link CounterTable#FULL}: the common case of {@link Ipv4PairCache}, in one call instead of two (C1 inlines
   * neither {@link #countIpv4} nor this into the per-frame path).
   */
  void countIpv4Pair(int sourceAt, int destinationAt, long wireBytes) {
    long[] counts = ipv4.words();
    counts[sourceAt + SENT] += 1;
    counts[sourceAt + 2 + SENT] += wireBytes;
    counts[destinationAt + RECEIVED] += 1;
    counts[destinationAt + 2 + RECEIVED] += wireBytes;
  }

  private void recordIpv4(int address, int direction, long wireBytes) {
    countIpv4(ipv4.slotOf(address & 0xffffffffL, 0, 0, 0), address, direction, wireBytes);
  }

  private void countIpv6(long high, long low, int direction, long packets, long bytes) {
    int at = ipv6.slotOf(high, low, 0, 0);
    if (at == CounterTable.FULL) {
      turnedAway(ipv6Heavy, high, low, direction, packets, bytes);
    } else {
      add(ipv6.words(), at, direction, packets, bytes);
    }
  }

  private void turnedAway(HeavyHitters heavy, long k0, long k1, int direction, long packets, long bytes) {
    overflowed = true;
    add(other, 0, direction, packets, bytes);
    add(heavy.values(), heavy.add(k0, k1, 0, 0, packets), direction, packets, bytes);
  }

  private static void add(long[] counts, int at, int direction, long packets, long bytes) {
    counts[at + direction] += packets;
    counts[at + 2 + direction] += bytes;
  }

  /** Rows a full snapshot would have, the {@code other} row included; its cost does not grow with the table. */
  long rowCount() {
    long reported = 0;
    long[] rest = other.clone();
    for (HeavyHitters heavy : List.of(ipv4Heavy, ipv6Heavy)) {
      for (int entry = 0; entry < heavy.entries(); entry++) {
        if (heavy.reported(entry)) {
          reported++;
          for (int i = 0; i < VALUE_WORDS; i++) {
            rest[i] -= heavy.value(entry, i);
          }
        }
      }
    }
    return (long) ipv4.size() + ipv6.size() + reported + (rest[SENT] + rest[RECEIVED] > 0 ? 1 : 0);
  }

  /**
   * The rows in report order, cut to the {@code top} first ({@code top <= 0}: all). Only rows that can make the
   * cut become {@link Endpoint}s (with their address text): those with at least as many packets as the
   * {@code top}-th most, so that a snapshot of a full table of one-packet flood addresses stays cheap.
   */
  TopRows<Endpoint> snapshot(int top) {
    long[] rest = other.clone();
    List<Endpoint> heavyRows = new ArrayList<>();
    heavyRows(ipv4Heavy, false, rest, heavyRows);
    heavyRows(ipv6Heavy, true, rest, heavyRows);
    Endpoint otherRow = rest[SENT] + rest[RECEIVED] > 0
        ? new Endpoint(OTHER, rest[SENT], rest[RECEIVED], rest[2 + SENT], rest[2 + RECEIVED]) : null;
    long total = (long) ipv4.size() + ipv6.size() + heavyRows.size() + (otherRow == null ? 0 : 1);
    List<Endpoint> extraRows = new ArrayList<>(heavyRows);
    if (otherRow != null) {
      extraRows.add(otherRow);
    }
    long threshold = TopRows.packetThreshold(top, total, ipv4, ipv6,
        extraRows.stream().mapToLong(r -> r.packetsSent() + r.packetsReceived()).toArray());
    List<Endpoint> rows = new ArrayList<>();
    for (int slot = 0; slot < ipv4.slots(); slot++) {
      if (ipv4.used(slot) && TopRows.packets(ipv4, slot) >= threshold) {
        rows.add(row(AddressFormat.ipv4((int) ipv4.key(slot, 0)), ipv4, slot));
      }
    }
    for (int slot = 0; slot < ipv6.slots(); slot++) {
      if (ipv6.used(slot) && TopRows.packets(ipv6, slot) >= threshold) {
        rows.add(row(AddressFormat.ipv6(ipv6.key(slot, 0), ipv6.key(slot, 1)), ipv6, slot));
      }
    }
    rows.addAll(extraRows);
    return TopRows.of(rows, ORDER, top, total);
  }

  /** Bytes held by both families' tables and sketches. */
  long memoryBytes() {
    return ipv4.memoryBytes() + ipv6.memoryBytes() + ipv4Heavy.memoryBytes() + ipv6Heavy.memoryBytes();
  }

  private void heavyRows(HeavyHitters heavy, boolean wide, long[] rest, List<Endpoint> rows) {
    for (int entry = 0; entry < heavy.entries(); entry++) {
      if (!heavy.reported(entry)) {
        continue;
      }
      String address = wide ? AddressFormat.ipv6(heavy.key(entry, 0), heavy.key(entry, 1))
          : AddressFormat.ipv4((int) heavy.key(entry, 0));
      rows.add(new Endpoint(address, heavy.value(entry, SENT), heavy.value(entry, RECEIVED),
          heavy.value(entry, 2 + SENT), heavy.value(entry, 2 + RECEIVED)));
      for (int i = 0; i < VALUE_WORDS; i++) {
        rest[i] -= heavy.value(entry, i);
      }
    }
  }

  private static boolean fits(CounterTable from, CounterTable to) {
    long absent = 0;
    for (int slot = 0; slot < from.slots(); slot++) {
      long k1 = to.keyWords() > 1 ? from.key(slot, 1) : 0;
      if (from.used(slot) && to.indexOf(from.key(slot, 0), k1, 0, 0) < 0) {
        absent++;
      }
    }
    return to.size() + absent <= to.maxEntries();
  }

  private void mergeFamily(CounterTable from, HeavyHitters fromHeavy, CounterTable to, HeavyHitters toHeavy) {
    boolean wide = to == ipv6;
    for (int slot = 0; slot < from.slots(); slot++) {
      if (from.used(slot)) {
        long k1 = wide ? from.key(slot, 1) : 0;
        int at = to.slotOf(from.key(slot, 0), k1, 0, 0);
        for (int direction = SENT; direction <= RECEIVED; direction++) {
          long packets = from.value(slot, direction);
          long bytes = from.value(slot, 2 + direction);
          if (at == CounterTable.FULL) {
            turnedAway(toHeavy, from.key(slot, 0), k1, direction, packets, bytes);
          } else {
            add(to.words(), at, direction, packets, bytes);
          }
        }
      }
    }
    // from's sketch rows are already in from.other, which the caller adds: move them out of it where they fit.
    for (int entry = 0; entry < fromHeavy.entries(); entry++) {
      long packets = fromHeavy.value(entry, SENT) + fromHeavy.value(entry, RECEIVED);
      if (packets == 0) {
        continue;
      }
      long k1 = wide ? fromHeavy.key(entry, 1) : 0;
      int at = to.slotOf(fromHeavy.key(entry, 0), k1, 0, 0);
      long[] into = at == CounterTable.FULL ? toHeavy.values() : to.words();
      int base = at == CounterTable.FULL ? toHeavy.add(fromHeavy.key(entry, 0), k1, 0, 0, packets) : at;
      for (int direction = SENT; direction <= RECEIVED; direction++) {
        long directionPackets = fromHeavy.value(entry, direction);
        long bytes = fromHeavy.value(entry, 2 + direction);
        add(into, base, direction, directionPackets, bytes);
        if (at != CounterTable.FULL) {
          add(other, 0, direction, -directionPackets, -bytes);
        }
      }
    }
  }

  private static Endpoint row(String address, CounterTable table, int slot) {
    return new Endpoint(address, table.value(slot, SENT), table.value(slot, RECEIVED), table.value(slot, 2 + SENT),
        table.value(slot, 2 + RECEIVED));
  }
}
