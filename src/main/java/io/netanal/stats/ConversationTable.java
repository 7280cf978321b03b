package io.netanal.stats;

import io.netanal.frame.AddressFormat;
import io.netanal.decode.DecodedFrame;
import io.netanal.frame.TimestampFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Packets and wire bytes each way between two IP addresses, with the first and last timestamp (in recording
 * order) of their traffic, like tshark's {@code -z conv,ip} and {@code conv,ipv6}.
 *
 * <p>Owned by the one thread that records. Every IP layer of a frame counts, as in {@link EndpointTable}. The
 * pair is unordered: {@code a} is the lower address in numeric order (IPv4 below IPv6, then unsigned address
 * value), so {@code 9.0.0.1} sorts below {@code 10.0.0.1} whatever their text. A frame from an address to itself
 * counts as a to b.
 *
 * <p>Bounded like {@link EndpointTable}: at most {@code maxEntriesPerFamily} pairs per family (default
 * {@value #DEFAULT_MAX_ENTRIES}, about 17 MB for IPv4 and 23 MB for IPv6 when full); once full, new pairs count in
 * the {@code ("other", "other")} row, but for those a {@link HeavyHitters} sketch proves heavier than everything
 * left there, which get rows of their own (first and last timestamps from when the sketch took them in).
 */
final class ConversationTable {
  static final int DEFAULT_MAX_ENTRIES = 200_000;

  // Value words: packets a->b, packets b->a, bytes a->b, bytes b->a, first and last timestamp.
  private static final int VALUE_WORDS = 6;
  private static final int FIRST = 4;
  private static final int LAST = 5;
  private static final Comparator<Conversation> ORDER =
      Comparator.comparingLong((Conversation c) -> c.packetsAToB() + c.packetsBToA()).reversed()
          .thenComparing(Comparator.comparingLong((Conversation c) -> c.bytesAToB() + c.bytesBToA()).reversed())
          .thenComparing(Conversation::a)
          .thenComparing(Conversation::b);

  private final CounterTable ipv4;
  private final CounterTable ipv6;
  private final HeavyHitters ipv4Heavy = new HeavyHitters(1, VALUE_WORDS);
  private final HeavyHitters ipv6Heavy = new HeavyHitters(4, VALUE_WORDS);
  /** Everything the full tables turned away, the sketches' rows included. */
  private final long[] other = new long[VALUE_WORDS];
  private boolean overflowed;

  ConversationTable() {
    this(DEFAULT_MAX_ENTRIES);
  }

  ConversationTable(int maxEntriesPerFamily) {
    ipv4 = new CounterTable(1, VALUE_WORDS, maxEntriesPerFamily);
    ipv6 = new CounterTable(4, VALUE_WORDS, maxEntriesPerFamily);
  }

  void record(DecodedFrame decoded, long timestampNanos, long wireBytes) {
    for (int layer = 0, layers = decoded.ipCount(); layer < layers; layer++) {
      if (decoded.ipVersion(layer) == 4) {
        long source = decoded.ipv4Source(layer) & 0xffffffffL;
        long destination = decoded.ipv4Destination(layer) & 0xffffffffL;
        boolean forward = source <= destination;
        long key = forward ? source << 32 | destination : destination << 32 | source;
        countIpv4(ipv4.slotOf(key, 0, 0, 0), key, forward ? 0 : 1, wireBytes, timestampNanos);
      } else {
        long sourceHigh = decoded.ipv6SourceHigh(layer);
        long sourceLow = decoded.ipv6SourceLow(layer);
        long destinationHigh = decoded.ipv6DestinationHigh(layer);
        long destinationLow = decoded.ipv6DestinationLow(layer);
        int order = Long.compareUnsigned(sourceHigh, destinationHigh);
        boolean forward = order < 0 || order == 0 && Long.compareUnsigned(sourceLow, destinationLow) <= 0;
        if (forward) {
          countIpv6(sourceHigh, sourceLow, destinationHigh, destinationLow, 0, wireBytes, timestampNanos);
        } else {
          countIpv6(destinationHigh, destinationLow, sourceHigh, sourceLow, 1, wireBytes, timestampNanos);
        }
      }
    }
  }

  /**
   * Adds {@code from}'s counts as if its frames came after this table's. Exact while nothing is turned away
   * ({@link #canAbsorb}); otherwise as {@link EndpointTable#merge} describes.
   */
  void merge(ConversationTable from) {
    mergeFamily(from.ipv4, from.ipv4Heavy, ipv4, ipv4Heavy);
    mergeFamily(from.ipv6, from.ipv6Heavy, ipv6, ipv6Heavy);
    long[] o = from.other;
    if (o[0] + o[1] > 0) {
      add(other, 0, 0, o[0], o[2], o[FIRST], o[LAST]);
      add(other, 0, 1, o[1], o[3], o[FIRST], o[LAST]);
    }
    overflowed |= from.overflowed;
  }

  /** Whether {@link #merge} of {@code from} is exact: nothing turned away, and {@code from}'s pairs fit. */
  boolean canAbsorb(ConversationTable from) {
    return !overflowed && !from.overflowed && fits(from.ipv4, ipv4) && fits(from.ipv6, ipv6);
  }

  /** Whether a pair has been counted in {@code other} (a family was full). */
  boolean overflowed() {
    return overflowed;
  }

  /** The IPv4 table's slot for an ordered pair {@code lower << 32 | higher} (added if new), or FULL. */
  int ipv4Slot(long pair) {
    return ipv4.slotOf(pair, 0, 0, 0);
  }

  int ipv4Generation() {
    return ipv4.generation();
  }

  /**
   * Counts one frame a to b ({@code direction} 0) or b to a (1) of the ordered pair {@code lower << 32 | higher},
   * whose {@link #ipv4Slot} is {@code at} (the caller's cached lookup).
   */
  void countIpv4(int at, long pair, int direction, long wireBytes, long timestampNanos) {
    if (at == CounterTable.FULL) {
      turnedAway(ipv4Heavy, pair, 0, 0, 0, direction, 1, wireBytes, timestampNanos, timestampNanos);
    } else {
      // add()'s body, written out: this runs for nearly every frame, and C1 does not inline add().
      long[] counts = ipv4.words();
      if (counts[at] + counts[at + 1] == 0) {
        counts[at + FIRST] = timestampNanos;
      }
      counts[at + direction] += 1;
      counts[at + 2 + direction] += wireBytes;
      counts[at + LAST] = timestampNanos;
    }
  }

  private void countIpv6(long aHigh, long aLow, long bHigh, long bLow, int direction, long wireBytes,
      long timestampNanos) {
    int at = ipv6.slotOf(aHigh, aLow, bHigh, bLow);
    if (at == CounterTable.FULL) {
      turnedAway(ipv6Heavy, aHigh, aLow, bHigh, bLow, direction, 1, wireBytes, timestampNanos, timestampNanos);
    } else {
      add(ipv6.words(), at, direction, 1, wireBytes, timestampNanos, timestampNanos);
    }
  }

  private void turnedAway(HeavyHitters heavy, long k0, long k1, long k2, long k3, int direction, long packets,
      long bytes, long first, long last) {
    overflowed = true;
    add(other, 0, direction, packets, bytes, first, last);
    add(heavy.values(), heavy.add(k0, k1, k2, k3, packets), direction, packets, bytes, first, last);
  }

  /** Rows a full snapshot would have, the {@code other} row included; its cost does not grow with the table. */
  long rowCount() {
    long[] rest = other.clone();
    List<Conversation> heavyRows = new ArrayList<>();
    heavyRows(ipv4Heavy, false, rest, heavyRows);
    heavyRows(ipv6Heavy, true, rest, heavyRows);
    return (long) ipv4.size() + ipv6.size() + heavyRows.size() + (rest[0] + rest[1] > 0 ? 1 : 0);
  }

  /** The rows in report order, cut to the {@code top} first; as {@link EndpointTable#snapshot}. */
  TopRows<Conversation> snapshot(int top) {
    long[] rest = other.clone();
    List<Conversation> heavyRows = new ArrayList<>();
    heavyRows(ipv4Heavy, false, rest, heavyRows);
    heavyRows(ipv6Heavy, true, rest, heavyRows);
    Conversation otherRow = rest[0] + rest[1] > 0
        ? new Conversation(EndpointTable.OTHER, EndpointTable.OTHER, rest[0], rest[1], rest[2], rest[3],
            TimestampFormat.format(rest[FIRST]), TimestampFormat.format(rest[LAST]))
        : null;
    long total = (long) ipv4.size() + ipv6.size() + heavyRows.size() + (otherRow == null ? 0 : 1);
    List<Conversation> extraRows = new ArrayList<>(heavyRows);
    if (otherRow != null) {
      extraRows.add(otherRow);
    }
    long threshold = TopRows.packetThreshold(top, total, ipv4, ipv6,
        extraRows.stream().mapToLong(r -> r.packetsAToB() + r.packetsBToA()).toArray());
    List<Conversation> rows = new ArrayList<>();
    for (int slot = 0; slot < ipv4.slots(); slot++) {
      if (ipv4.used(slot) && TopRows.packets(ipv4, slot) >= threshold) {
        long key = ipv4.key(slot, 0);
        rows.add(row(AddressFormat.ipv4((int) (key >>> 32)), AddressFormat.ipv4((int) key), ipv4, slot));
      }
    }
    for (int slot = 0; slot < ipv6.slots(); slot++) {
      if (ipv6.used(slot) && TopRows.packets(ipv6, slot) >= threshold) {
        rows.add(row(AddressFormat.ipv6(ipv6.key(slot, 0), ipv6.key(slot, 1)),
            AddressFormat.ipv6(ipv6.key(slot, 2), ipv6.key(slot, 3)), ipv6, slot));
      }
    }
    rows.addAll(extraRows);
    return TopRows.of(rows, ORDER, top, total);
  }

  long memoryBytes() {
    return ipv4.memoryBytes() + ipv6.memoryBytes() + ipv4Heavy.memoryBytes() + ipv6Heavy.memoryBytes();
  }

  private static void heavyRows(HeavyHitters heavy, boolean wide, long[] rest, List<Conversation> rows) {
    for (int entry = 0; entry < heavy.entries(); entry++) {
      if (!heavy.reported(entry)) {
        continue;
      }
      String a;
      String b;
      if (wide) {
        a = AddressFormat.ipv6(heavy.key(entry, 0), heavy.key(entry, 1));
        b = AddressFormat.ipv6(heavy.key(entry, 2), heavy.key(entry, 3));
      } else {
        a = AddressFormat.ipv4((int) (heavy.key(entry, 0) >>> 32));
        b = AddressFormat.ipv4((int) heavy.key(entry, 0));
      }
      rows.add(new Conversation(a, b, heavy.value(entry, 0), heavy.value(entry, 1), heavy.value(entry, 2),
          heavy.value(entry, 3), TimestampFormat.format(heavy.value(entry, FIRST)),
          TimestampFormat.format(heavy.value(entry, LAST))));
      for (int i = 0; i < FIRST; i++) {
        rest[i] -= heavy.value(entry, i);
      }
    }
  }

  private static boolean fits(CounterTable from, CounterTable to) {
    boolean wide = to.keyWords() > 1;
    long absent = 0;
    for (int slot = 0; slot < from.slots(); slot++) {
      if (from.used(slot) && to.indexOf(from.key(slot, 0), wide ? from.key(slot, 1) : 0,
          wide ? from.key(slot, 2) : 0, wide ? from.key(slot, 3) : 0) < 0) {
        absent++;
      }
    }
    return to.size() + absent <= to.maxEntries();
  }

  private static void add(long[] counts, int base, int direction, long packets, long bytes, long first,
      long last) {
    if (counts[base] + counts[base + 1] == 0) {
      counts[base + FIRST] = first;
    }
    counts[base + direction] += packets;
    counts[base + 2 + direction] += bytes;
    counts[base + LAST] = last;
  }

  private void mergeFamily(CounterTable from, HeavyHitters fromHeavy, CounterTable to, HeavyHitters toHeavy) {
    boolean wide = to == ipv6;
    for (int slot = 0; slot < from.slots(); slot++) {
      if (!from.used(slot)) {
        continue;
      }
      long k0 = from.key(slot, 0);
      long k1 = wide ? from.key(slot, 1) : 0;
      long k2 = wide ? from.key(slot, 2) : 0;
      long k3 = wide ? from.key(slot, 3) : 0;
      int at = to.slotOf(k0, k1, k2, k3);
      long first = from.value(slot, FIRST);
      long last = from.value(slot, LAST);
      for (int direction = 0; direction <= 1; direction++) {
        long packets = from.value(slot, direction);
        if (packets == 0) {
          continue;
        }
        if (at == CounterTable.FULL) {
          turnedAway(toHeavy, k0, k1, k2, k3, direction, packets, from.value(slot, 2 + direction), first, last);
        } else {
          add(to.words(), at, direction, packets, from.value(slot, 2 + direction), first, last);
        }
      }
    }
    // from's sketch rows are already in from.other, which the caller adds: move them out of it where they fit.
    for (int entry = 0; entry < fromHeavy.entries(); entry++) {
      long packets = fromHeavy.value(entry, 0) + fromHeavy.value(entry, 1);
      if (packets == 0) {
        continue;
      }
      long k0 = fromHeavy.key(entry, 0);
      long k1 = wide ? fromHeavy.key(entry, 1) : 0;
      long k2 = wide ? fromHeavy.key(entry, 2) : 0;
      long k3 = wide ? fromHeavy.key(entry, 3) : 0;
      int at = to.slotOf(k0, k1, k2, k3);
      long[] into = at == CounterTable.FULL ? toHeavy.values() : to.words();
      int base = at == CounterTable.FULL ? toHeavy.add(k0, k1, k2, k3, packets) : at;
      for (int direction = 0; direction <= 1; direction++) {
        long directionPackets = fromHeavy.value(entry, direction);
        long bytes = fromHeavy.value(entry, 2 + direction);
        if (directionPackets == 0) {
          continue;
        }
        add(into, base, direction, directionPackets, bytes, fromHeavy.value(entry, FIRST),
            fromHeavy.value(entry, LAST));
        if (at != CounterTable.FULL) {
          other[direction] -= directionPackets;
          other[2 + direction] -= bytes;
        }
      }
    }
  }

  private static Conversation row(String a, String b, CounterTable table, int slot) {
    return new Conversation(a, b, table.value(slot, 0), table.value(slot, 1), table.value(slot, 2),
        table.value(slot, 3), TimestampFormat.format(table.value(slot, FIRST)),
        TimestampFormat.format(table.value(slot, LAST)));
  }
}
