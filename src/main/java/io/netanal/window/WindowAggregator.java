package io.netanal.window;

import static io.netanal.window.TrafficTable.*;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.flow.EndedFlow;
import io.netanal.flow.FlowTimingListener;
import io.netanal.flow.FlowRecord;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Cuts decoded frames into tumbling windows aligned to the epoch by packet timestamp (DESIGN.md section 6) and
 * hands each closed window to a {@link WindowListener} as records, or to a {@link WindowRowsListener} in place
 * ({@link #inPlace}: detection reads every row but needs records for none of them): 5 s base windows, and every
 * larger size merged from complete base windows (sums add, distinct sets and sketches merge), as Kafka Streams'
 * windowed aggregations do.
 *
 * <p>One thread feeds it (frames in capture or file order, ticks, finish); the listener is called on that thread.
 * Because windows follow packet timestamps, not the clock, a file and a live capture of the same packets give the
 * same windows.
 *
 * <p><b>Lateness.</b> A base window stays open for one more base window after its end (the grace period, 5 s): a
 * packet out of order by up to that much still lands in the window its timestamp names. A base window closes when
 * a packet (or a live capture's tick) names a window two or more past it, or at the end of input. A packet whose
 * window has closed is counted in {@link #latePackets()}, never silently dropped.
 *
 * <p><b>Memory.</b> Two base tables (the current window and the one in grace) and one table per larger size,
 * each capped (see {@link TrafficTable}); the steady state allocates nothing per packet.
 */
public final class WindowAggregator implements DecodedFrameConsumer, FlowTimingListener {
  /** Addresses per window before the {@code other} row; about 5 MB per table when full. */
  public static final int DEFAULT_MAX_ROWS = 16_384;
  /** Distinct-count sketches per column and table: 1 MiB each when all are in use. */
  public static final int DEFAULT_MAX_SKETCHES = 1024;
  private static final int GRACE_WINDOWS = 1;
  private static final long NONE = Long.MIN_VALUE;
  private static final int TCP = 6;
  private static final int UDP_PROTOCOL = 17;
  private static final int DNS_PORT = 53;

  private final WindowRowsListener listener;
  /** The one view of every closed window, reused (see {@link WindowRows}). */
  private final WindowRows closing = new WindowRows(new AddressNames());
  private final boolean emitBase;
  private final TrafficTable[] base = new TrafficTable[GRACE_WINDOWS + 1];
  private final long[] baseIndex = new long[GRACE_WINDOWS + 1];
  private final long[] largerSizes;
  private final TrafficTable[] larger;
  private final long[] largerIndex;
  private long newest = NONE;
  /** The base window of the last packet, by index and start, so that most packets find theirs without dividing. */
  private long lastIndex = NONE;
  private long lastStart;
  private long latePackets;
  private long lateFlows;
  private long windowed;

  public WindowAggregator(WindowSizes sizes, WindowListener listener) {
    this(sizes, listener, DEFAULT_MAX_ROWS, DEFAULT_MAX_SKETCHES);
  }

  public WindowAggregator(WindowSizes sizes, WindowListener listener, int maxRows, int maxSketches) {
    this(sizes, (WindowRows rows) -> listener.windowClosed(rows.closedWindow()), maxRows, maxSketches);
  }

  /**
   * An aggregator whose listener reads each closed window in place, building records only for what it prints
   * or keeps (detection reads a few numbers of every row).
   */
  public static WindowAggregator inPlace(WindowSizes sizes, WindowRowsListener listener) {
    return new WindowAggregator(sizes, listener, DEFAULT_MAX_ROWS, DEFAULT_MAX_SKETCHES);
  }

  /** {@link #inPlace(WindowSizes, WindowRowsListener)} with other caps (tests). */
  static WindowAggregator inPlace(WindowSizes sizes, WindowRowsListener listener, int maxRows, int maxSketches) {
    return new WindowAggregator(sizes, listener, maxRows, maxSketches, true);
  }

  /**
   * An in-place aggregator that keeps only what detection reads ({@link WindowRows}' accessors): not the sets of
   * destination addresses and ports, nor the size and inter-arrival sums, which only the records have (their
   * {@link WindowRows#closedWindow()} is refused). {@code analyze} prints no window, and these are a third of the
   * sets' work and half of a sender's per-packet sums.
   */
  public static WindowAggregator forDetection(WindowSizes sizes, WindowRowsListener listener) {
    return forDetection(sizes, listener, DEFAULT_MAX_ROWS, DEFAULT_MAX_SKETCHES);
  }

  /** {@link #forDetection(WindowSizes, WindowRowsListener)} with other caps (tests). */
  static WindowAggregator forDetection(WindowSizes sizes, WindowRowsListener listener, int maxRows,
      int maxSketches) {
    return new WindowAggregator(sizes, listener, maxRows, maxSketches, false);
  }

  private WindowAggregator(WindowSizes sizes, WindowRowsListener listener, int maxRows, int maxSketches) {
    this(sizes, listener, maxRows, maxSketches, true);
  }

  private WindowAggregator(WindowSizes sizes, WindowRowsListener listener, int maxRows, int maxSketches,
      boolean records) {
    this.listener = listener;
    this.emitBase = sizes.includesBase();
    for (int i = 0; i < base.length; i++) {
      base[i] = new TrafficTable(maxRows, maxSketches, records);
      baseIndex[i] = NONE;
    }
    List<Long> bigger = sizes.nanos().stream().filter(n -> n > WindowSizes.BASE_NANOS).toList();
    largerSizes = bigger.stream().mapToLong(Long::longValue).toArray();
    larger = new TrafficTable[largerSizes.length];
    largerIndex = new long[largerSizes.length];
    for (int i = 0; i < larger.length; i++) {
      larger[i] = new TrafficTable(maxRows, maxSketches, records);
      largerIndex[i] = NONE;
    }
  }

  @Override
  public void frame(long timestampNanos, int capturedLength, long originalLength, ByteBuffer buffer, int offset,
      DecodedFrame decoded) {
    if (decoded.ipCount() == 0) {
      return; // windows are per IP address; ARP and other non-IP frames have none
    }
    long w;
    long into = timestampNanos - lastStart; // negative when it overflows, as for a packet before lastStart
    if (lastIndex != NONE && timestampNanos >= lastStart && into >= 0 && into < WindowSizes.BASE_NANOS) {
      w = lastIndex; // the previous packet's window: no division
    } else {
      w = Math.floorDiv(timestampNanos, WindowSizes.BASE_NANOS);
      lastIndex = w;
      lastStart = w * WindowSizes.BASE_NANOS;
    }
    advance(w);
    if (w <= newest - GRACE_WINDOWS - 1) {
      latePackets++;
      return;
    }
    int slot = (int) (w & 1);
    baseIndex[slot] = w;
    record(base[slot], timestampNanos, originalLength, buffer, decoded);
    windowed++;
  }

  /** A live capture's clock: closes the windows its time has left behind, even when no packet comes. */
  @Override
  public void tick(long nowNanos) {
    advance(Math.floorDiv(nowNanos, WindowSizes.BASE_NANOS));
  }

  @Override
  public void finish() {
    closeOpenBase(Long.MAX_VALUE);
    for (int i = 0; i < larger.length; i++) {
      closeLarger(i);
    }
  }

  /**
   * Adds a flow's handshake round trip and retransmissions to the window of its start while that is open (else to
   * the newest open window, counted in {@link #lateFlows()}).
   */
  @Override
  public void flowEnded(FlowRecord flow) {
    Double rtt = flow.rttMillis();
    flowTiming(flow.tsNanos(), flow.ipProtocol(), flow.ipVersion(), flow.origAddressHigh(), flow.origAddressLow(),
        flow.origRetransmissions(), rtt == null ? Double.NaN : rtt);
  }

  /** As {@link #flowEnded(FlowRecord)}, without the flow's record. */
  @Override
  public void flowEnded(EndedFlow flow) {
    flowTiming(flow.tsNanos(), flow.ipProtocol(), flow.ipVersion(), flow.origAddressHigh(), flow.origAddressLow(),
        flow.origRetransmissions(), flow.rttMillis());
  }

  @Override
  public void flowTiming(long tsNanos, int ipProtocol, int ipVersion, long origAddressHigh, long origAddressLow,
      long retransmissions, double rttMillis) {
    if (ipProtocol != TCP || newest == NONE) {
      return;
    }
    long w = Math.floorDiv(tsNanos, WindowSizes.BASE_NANOS);
    if (w <= newest - GRACE_WINDOWS - 1 || w > newest) {
      lateFlows++;
      w = newest;
    }
    int slot = (int) (w & 1);
    if (baseIndex[slot] != w) {
      baseIndex[slot] = w;
    }
    TrafficTable table = base[slot];
    if (ipVersion == 0) {
      return; // made from an originator text that is no address
    }
    boolean hasRtt = !Double.isNaN(rttMillis);
    if (retransmissions == 0 && !hasRtt && table.overflowing()) {
      // Nothing to add, and the lookup would make no row: a flood's flows (each from a new address, in a full
      // table) end one a packet, and the lookup was half this thread's table misses.
      return;
    }
    long low = ipVersion == 4 ? AddressKeys.ipv4((int) origAddressLow) : origAddressLow;
    int r = table.row(ipVersion == 4 ? 0 : origAddressHigh, low);
    table.add(RETRANSMISSIONS, r, retransmissions);
    if (hasRtt) {
      table.add(RTT_COUNT, r, 1);
      table.addDouble(RTT_SUM, r, rttMillis);
    }
  }

  /** Packets whose window had already closed when they came. */
  public long latePackets() {
    return latePackets;
  }

  /** Flow records whose start window had closed, counted in a later window. */
  public long lateFlows() {
    return lateFlows;
  }

  /** IP packets counted in some window. */
  public long windowedPackets() {
    return windowed;
  }

  /** Bytes held by the window tables (for the memory-bound test). */
  long footprint() {
    long bytes = 0;
    for (TrafficTable t : base) {
      bytes += t.footprint();
    }
    for (TrafficTable t : larger) {
      bytes += t.footprint();
    }
    return bytes;
  }

  private void advance(long w) {
    if (newest == NONE) {
      newest = w;
      return;
    }
    if (w > newest) {
      newest = w;
      closeOpenBase(w - GRACE_WINDOWS);
    }
  }

  /** Closes, oldest first, every open base window before index {@code before}. */
  private void closeOpenBase(long before) {
    int first = baseIndex[0] <= baseIndex[1] ? 0 : 1;
    for (int k = 0; k < 2; k++) {
      int slot = k == 0 ? first : 1 - first;
      if (baseIndex[slot] != NONE && baseIndex[slot] < before) {
        closeBase(slot);
      }
    }
  }

  private void closeBase(int slot) {
    long index = baseIndex[slot];
    TrafficTable table = base[slot];
    long start = index * WindowSizes.BASE_NANOS;
    long end = start + WindowSizes.BASE_NANOS;
    if (emitBase) {
      emit(table, WindowSizes.BASE_NANOS, start);
    }
    for (int i = 0; i < larger.length; i++) {
      long li = Math.floorDiv(start, largerSizes[i]);
      if (largerIndex[i] != NONE && largerIndex[i] != li) {
        closeLarger(i);
      }
      largerIndex[i] = li;
      larger[i].merge(table);
      if (end % largerSizes[i] == 0) {
        closeLarger(i); // its last base window: the larger one is complete
      }
    }
    table.clear();
    baseIndex[slot] = NONE;
  }

  private void closeLarger(int i) {
    if (largerIndex[i] == NONE) {
      return;
    }
    emit(larger[i], largerSizes[i], largerIndex[i] * largerSizes[i]);
    larger[i].clear();
    largerIndex[i] = NONE;
  }

  private void emit(TrafficTable t, long size, long start) {
    closing.reset(t, size, start);
    listener.windowClosed(closing);
  }

  private static void record(TrafficTable t, long ts, long wire, ByteBuffer buffer, DecodedFrame d) {
    int layer = d.transportLayer() != DecodedFrame.NONE ? d.transportLayer() : d.ipCount() - 1;
    long sh = AddressKeys.sourceHigh(d, layer);
    long sl = AddressKeys.sourceLow(d, layer);
    long dh = AddressKeys.destinationHigh(d, layer);
    long dl = AddressKeys.destinationLow(d, layer);
    RecentPairs pairs = t.pairs();
    int pair = pairs.find(sh, sl, dh, dl);
    int s;
    int r;
    if (pair != RecentPairs.NONE) {
      s = pairs.source(pair); // and both addresses are in their sets already
      r = pairs.destination(pair);
    } else {
      long sourceHash = AddressKeys.hash(sh, sl);
      long destinationHash = AddressKeys.hash(dh, dl);
      s = t.row(sourceHash, sh, sl);
      r = t.row(destinationHash, dh, dl);
      if (t.keepsRecords()) {
        t.distinct(DST_ADDRESSES, s, destinationHash);
      }
      t.distinct(SOURCES, r, sourceHash);
      pair = pairs.remember(sh, sl, dh, dl, s, r);
    }
    t.countOverflow(s);
    t.countOverflow(r);
    t.sent(s, ts, wire);
    t.add(R_PACKETS, r, 1);
    t.add(R_BYTES, r, wire);
    t.receivedFrom(r, sh, sl);
    int protocol = d.transportProtocol();
    if (protocol != DecodedFrame.NO_TRANSPORT) {
      int sport = d.sourcePort();
      int dport = d.destinationPort();
      long protocolPort = ((long) protocol << 16) | dport;
      if (t.keepsRecords() && pairs.newPort(pair, protocolPort)) {
        t.distinct(DST_PORTS, s, AddressKeys.mix(protocolPort));
      }
      if (protocol == TCP) {
        tcp(t, s, r, d.tcpFlags(), dh, dl, dport);
        if ((d.tcpFlags() & 0x12) == 0x12) {
          t.distinct(RESPONDENTS, r, AddressKeys.hash(sh, sl)); // a SYN-ACK answers r's SYN
        }
      } else if (protocol == UDP_PROTOCOL) {
        t.add(UDP, s, 1);
        t.add(R_UDP, r, 1);
        if (sport > dport) {
          probe(t, s, dh, dl, protocol, dport);
        } else if (sport < dport) {
          t.distinct(RESPONDENTS, r, AddressKeys.hash(sh, sl)); // a service answering r's client port
        }
      }
      if (sport == DNS_PORT || dport == DNS_PORT) {
        dns(t, s, r, buffer, d, protocol);
      }
    } else if (d.icmpType() != DecodedFrame.NONE) {
      icmp(t, s, r, d.ipVersion(layer), d.icmpType(), dh, dl);
      if (d.icmpType() == (d.ipVersion(layer) == 4 ? 0 : 129)) {
        t.distinct(RESPONDENTS, r, AddressKeys.hash(sh, sl)); // an echo reply answers r's request
      }
    }
  }

  private static void tcp(TrafficTable t, int s, int r, int flags, long dh, long dl, int dport) {
    boolean syn = (flags & 0x02) != 0;
    boolean ack = (flags & 0x10) != 0;
    boolean rst = (flags & 0x04) != 0;
    if (syn && !ack) {
      t.add(TCP_SYN, s, 1);
      t.add(R_SYN, r, 1);
      t.add(FLOWS, s, 1);
      probe(t, s, dh, dl, TCP, dport);
    } else if (syn) {
      t.add(TCP_SYN_ACK, s, 1);
      t.add(R_SYN_ACK, r, 1);
    } else if (ack && !rst) {
      t.add(R_ACK, r, 1);
    }
    if (rst) {
      t.add(TCP_RST, s, 1);
      t.add(R_RST, r, 1);
    }
    if ((flags & 0x01) != 0) {
      t.add(TCP_FIN, s, 1);
    }
  }

  private static void icmp(TrafficTable t, int s, int r, int version, int type, long dh, long dl) {
    t.add(ICMP, s, 1);
    t.add(R_ICMP, r, 1);
    // ICMP destination unreachable 3 / echo 8 / reply 0 (RFC 792); ICMPv6 1 / 128 / 129 (RFC 4443).
    int unreachable = version == 4 ? 3 : 1;
    int echo = version == 4 ? 8 : 128;
    int reply = version == 4 ? 0 : 129;
    // Errors: v4 3 unreachable, 4 source quench, 5 redirect, 11 time exceeded, 12 parameter problem (RFC 792);
    // v6 1 to 4 (RFC 4443).
    boolean error = version == 4 ? type == 3 || type == 4 || type == 5 || type == 11 || type == 12
        : type >= 1 && type <= 4;
    if (error) {
      t.add(R_ICMP_ERRORS, r, 1);
    }
    if (type == unreachable) {
      t.add(ICMP_UNREACHABLE, s, 1);
      t.add(R_ICMP_UNREACHABLE, r, 1);
    } else if (type == echo) {
      t.add(ICMP_ECHO, s, 1);
      probe(t, s, dh, dl, version == 4 ? 1 : 58, -1);
    } else if (type == reply) {
      t.add(R_ICMP_ECHO_REPLY, r, 1);
    }
  }

  private static void probe(TrafficTable t, int s, long dh, long dl, int protocol, int port) {
    if (AddressKeys.isGroup(dh, dl)) {
      return; // SSDP, mDNS and broadcast discovery are not probes of a host
    }
    t.probe(s, dh, dl, port);
    t.distinct(PROBE_ADDRESSES, s, AddressKeys.hash(dh, dl));
    t.distinct(PROBE_PORTS, s, AddressKeys.mix(((long) protocol << 16) | (port & 0xffff)));
  }

  /**
   * Counts a DNS message on port 53 by its header's QR bit (RFC 1035 4.1.1), after a sanity check of the header
   * (opcode 0-6, a question count below 256) so that other traffic on port 53 is not counted as DNS. Over TCP the
   * message follows a two-byte length.
   */
  private static void dns(TrafficTable t, int s, int r, ByteBuffer buffer, DecodedFrame d, int protocol) {
    int start = d.payloadOffset();
    if (start == DecodedFrame.NONE) {
      return;
    }
    int header = protocol == TCP ? start + 2 : start;
    if (d.payloadEnd() - header < 12) {
      return;
    }
    int flags = buffer.get(header + 2) & 0xff;
    int opcode = (flags >>> 3) & 0x0f;
    int questions = buffer.getShort(header + 4) & 0xffff;
    if (opcode > 6 || questions > 255) {
      return;
    }
    long bytes = d.payloadLength();
    if ((flags & 0x80) == 0) {
      t.add(DNS_QUERIES, s, 1);
      t.add(DNS_QUERY_BYTES, s, bytes);
    } else {
      t.add(DNS_RESPONSES, s, 1);
      t.add(DNS_RESPONSE_BYTES, s, bytes);
      t.add(R_DNS_RESPONSES, r, 1);
      t.add(R_DNS_RESPONSE_BYTES, r, bytes);
    }
  }
}
