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
 * addresses are counted in the {@code "other"} row and known ones keep counting; nothing is evicted, so rows
 * never jump between an address and {@code other}, and the sum over all rows stays exact. The cost is that
 * addresses first seen after a flood of spoofed ones are only visible as {@code other}.
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
  private final long[] other = new long[VALUE_WORDS];

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
        count(ipv4.slotOf(decoded.ipv4Source(layer) & 0xffffffffL, 0, 0, 0), ipv4, SENT, 1, wireBytes);
        count(ipv4.slotOf(decoded.ipv4Destination(layer) & 0xffffffffL, 0, 0, 0), ipv4, RECEIVED, 1, wireBytes);
      } else {
        count(ipv6.slotOf(decoded.ipv6SourceHigh(layer), decoded.ipv6SourceLow(layer), 0, 0), ipv6, SENT, 1,
            wireBytes);
        count(ipv6.slotOf(decoded.ipv6DestinationHigh(layer), decoded.ipv6DestinationLow(layer), 0, 0), ipv6,
            RECEIVED, 1, wireBytes);
      }
    }
  }

  /** Adds {@code from}'s counts; addresses that no longer fit go to {@code other}. */
  void merge(EndpointTable from) {
    mergeFamily(from.ipv4, ipv4);
    mergeFamily(from.ipv6, ipv6);
    for (int i = 0; i < VALUE_WORDS; i++) {
      other[i] += from.other[i];
    }
  }

  /** The IPv4 table's slot for {@code address} (added if new), or {@link CounterTable#FULL}. */
  int ipv4Slot(int address) {
    return ipv4.slotOf(address & 0xffffffffL, 0, 0, 0);
  }

  int ipv4Generation() {
    return ipv4.generation();
  }

  /** Counts one frame sent ({@code direction} {@link #SENT}) or received at an {@link #ipv4Slot}. */
  void countIpv4(int at, int direction, long wireBytes) {
    count(at, ipv4, direction, 1, wireBytes);
  }

  /** Rows a full snapshot would have, the {@code other} row included. */
  long rowCount() {
    return (long) ipv4.size() + ipv6.size() + (other[SENT] + other[RECEIVED] > 0 ? 1 : 0);
  }

  TopRows<Endpoint> snapshot(int top) {
    List<Endpoint> rows = new ArrayList<>(ipv4.size() + ipv6.size() + 1);
    for (int slot = 0; slot < ipv4.slots(); slot++) {
      if (ipv4.used(slot)) {
        rows.add(row(AddressFormat.ipv4((int) ipv4.key(slot, 0)), ipv4, slot));
      }
    }
    for (int slot = 0; slot < ipv6.slots(); slot++) {
      if (ipv6.used(slot)) {
        rows.add(row(AddressFormat.ipv6(ipv6.key(slot, 0), ipv6.key(slot, 1)), ipv6, slot));
      }
    }
    if (other[SENT] + other[RECEIVED] > 0) {
      rows.add(new Endpoint(OTHER, other[SENT], other[RECEIVED], other[2 + SENT], other[2 + RECEIVED]));
    }
    return TopRows.of(rows, ORDER, top);
  }

  /** Bytes held by both families' tables. */
  long memoryBytes() {
    return ipv4.memoryBytes() + ipv6.memoryBytes();
  }

  private void count(int at, CounterTable table, int direction, long packets, long bytes) {
    if (at == CounterTable.FULL) {
      other[direction] += packets;
      other[2 + direction] += bytes;
    } else {
      table.add(at + direction, packets);
      table.add(at + 2 + direction, bytes);
    }
  }

  private void mergeFamily(CounterTable from, CounterTable to) {
    for (int slot = 0; slot < from.slots(); slot++) {
      if (!from.used(slot)) {
        continue;
      }
      int at = to.slotOf(from.key(slot, 0), to == ipv6 ? from.key(slot, 1) : 0, 0, 0);
      count(at, to, SENT, from.value(slot, SENT), from.value(slot, 2 + SENT));
      count(at, to, RECEIVED, from.value(slot, RECEIVED), from.value(slot, 2 + RECEIVED));
    }
  }

  private static Endpoint row(String address, CounterTable table, int slot) {
    return new Endpoint(address, table.value(slot, SENT), table.value(slot, RECEIVED), table.value(slot, 2 + SENT),
        table.value(slot, 2 + RECEIVED));
  }
}
