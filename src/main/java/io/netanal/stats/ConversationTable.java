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
 * the {@code ("other", "other")} row.
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
  private final long[] other = new long[VALUE_WORDS];

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
        count(ipv4.slotOf(key, 0, 0, 0), ipv4, forward ? 0 : 1, 1, wireBytes, timestampNanos, timestampNanos);
      } else {
        long sourceHigh = decoded.ipv6SourceHigh(layer);
        long sourceLow = decoded.ipv6SourceLow(layer);
        long destinationHigh = decoded.ipv6DestinationHigh(layer);
        long destinationLow = decoded.ipv6DestinationLow(layer);
        int order = Long.compareUnsigned(sourceHigh, destinationHigh);
        boolean forward = order < 0 || order == 0 && Long.compareUnsigned(sourceLow, destinationLow) <= 0;
        int at = forward
            ? ipv6.slotOf(sourceHigh, sourceLow, destinationHigh, destinationLow)
            : ipv6.slotOf(destinationHigh, destinationLow, sourceHigh, sourceLow);
        count(at, ipv6, forward ? 0 : 1, 1, wireBytes, timestampNanos, timestampNanos);
      }
    }
  }

  /** Adds {@code from}'s counts as if its frames came after this table's; pairs that no longer fit go to other. */
  void merge(ConversationTable from) {
    mergeFamily(from.ipv4, ipv4);
    mergeFamily(from.ipv6, ipv6);
    long[] o = from.other;
    if (o[0] + o[1] > 0) {
      add(other, 0, 0, o[0], o[2], o[FIRST], o[LAST]);
      add(other, 0, 1, o[1], o[3], o[FIRST], o[LAST]);
    }
  }

  /** The IPv4 table's slot for an ordered pair {@code lower << 32 | higher} (added if new), or FULL. */
  int ipv4Slot(long pair) {
    return ipv4.slotOf(pair, 0, 0, 0);
  }

  int ipv4Generation() {
    return ipv4.generation();
  }

  /** Counts one frame a to b ({@code direction} 0) or b to a (1) at an {@link #ipv4Slot}. */
  void countIpv4(int at, int direction, long wireBytes, long timestampNanos) {
    count(at, ipv4, direction, 1, wireBytes, timestampNanos, timestampNanos);
  }

  /** Rows a full snapshot would have, the {@code other} row included. */
  long rowCount() {
    return (long) ipv4.size() + ipv6.size() + (other[0] + other[1] > 0 ? 1 : 0);
  }

  TopRows<Conversation> snapshot(int top) {
    List<Conversation> rows = new ArrayList<>(ipv4.size() + ipv6.size() + 1);
    for (int slot = 0; slot < ipv4.slots(); slot++) {
      if (ipv4.used(slot)) {
        long key = ipv4.key(slot, 0);
        rows.add(row(AddressFormat.ipv4((int) (key >>> 32)), AddressFormat.ipv4((int) key), ipv4, slot));
      }
    }
    for (int slot = 0; slot < ipv6.slots(); slot++) {
      if (ipv6.used(slot)) {
        rows.add(row(AddressFormat.ipv6(ipv6.key(slot, 0), ipv6.key(slot, 1)),
            AddressFormat.ipv6(ipv6.key(slot, 2), ipv6.key(slot, 3)), ipv6, slot));
      }
    }
    if (other[0] + other[1] > 0) {
      rows.add(new Conversation(EndpointTable.OTHER, EndpointTable.OTHER, other[0], other[1], other[2], other[3],
          TimestampFormat.format(other[FIRST]), TimestampFormat.format(other[LAST])));
    }
    return TopRows.of(rows, ORDER, top);
  }

  long memoryBytes() {
    return ipv4.memoryBytes() + ipv6.memoryBytes();
  }

  private void count(int at, CounterTable table, int direction, long packets, long bytes, long first, long last) {
    if (at == CounterTable.FULL) {
      add(other, 0, direction, packets, bytes, first, last);
    } else {
      add(table.words(), at, direction, packets, bytes, first, last);
    }
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

  private void mergeFamily(CounterTable from, CounterTable to) {
    boolean wide = to == ipv6;
    for (int slot = 0; slot < from.slots(); slot++) {
      if (!from.used(slot)) {
        continue;
      }
      int at = to.slotOf(from.key(slot, 0), wide ? from.key(slot, 1) : 0, wide ? from.key(slot, 2) : 0,
          wide ? from.key(slot, 3) : 0);
      long first = from.value(slot, FIRST);
      long last = from.value(slot, LAST);
      count(at, to, 0, from.value(slot, 0), from.value(slot, 2), first, last);
      count(at, to, 1, from.value(slot, 1), from.value(slot, 3), first, last);
    }
  }

  private static Conversation row(String a, String b, CounterTable table, int slot) {
    return new Conversation(a, b, table.value(slot, 0), table.value(slot, 1), table.value(slot, 2),
        table.value(slot, 3), TimestampFormat.format(table.value(slot, FIRST)),
        TimestampFormat.format(table.value(slot, LAST)));
  }
}
