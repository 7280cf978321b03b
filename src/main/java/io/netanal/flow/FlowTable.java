package io.netanal.flow;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.DecodedFrameConsumer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The flow table: turns decoded frames, in capture order, into bidirectional flows (5-tuple plus VLAN, seen from
 * the originator) and hands each to a {@link FlowListener} as an {@link EndedFlow} when it ends (DESIGN.md
 * section 5): FIN from both sides or a RST, after a grace for the last ACKs; idle timeout; active timeout (live);
 * eviction of the longest idle flow when the table is full; end of input.
 *
 * <p>One thread feeds it (it is a {@link DecodedFrameConsumer}) and receives the records. Per packet it allocates
 * nothing once a flow exists: the key is looked up through a reused probe in a primitive open-addressing index;
 * the flow's {@link FlowRecord} is made at most once, when it ends, and only when a listener asks for it (most
 * ended flows are only counted), from numbers (its address text and Community ID when first asked for), and the
 * ended flow's object is reused for a later one. Memory is bounded by
 * {@link FlowTableOptions#maxFlows()}.
 */
public final class FlowTable implements DecodedFrameConsumer {
  private static final int LIST_TCP = 0;
  private static final int LIST_UDP = 1;
  private static final int LIST_OTHER = 2;
  private static final int LIST_CLOSING = 3;
  /** Payload packets per flow shown to the application hook (a DNS socket gets more: one per transaction). */
  private static final int APP_PACKETS = 6;
  private static final int APP_PACKETS_DNS = 2 * FlowRecord.MAX_DNS + 2;

  private final FlowTableOptions options;
  private final FlowListener listener;
  private final AppMetadata app;
  private final FlowIndex index = new FlowIndex();
  private final IdleList[] lists;
  private final IdleList.Deadlines deadlines = new IdleList.Deadlines();
  private final Flow probe = new Flow();
  /** The view each ending flow is handed on as. */
  private final EndedFlow ended = new EndedFlow();
  /**
   * The flow of the previous packet, while it is open: consecutive packets of one flow (a burst, a transfer) skip
   * the hash and the index probe, whose slot and flow would often be cache misses.
   */
  private Flow last;
  /**
   * Ended flows, linked by id through {@link Flow#next}, to reuse for new ones (at most as many as were ever
   * open).
   */
  private Flow free;
  private boolean probeFromA;
  private long now = Long.MIN_VALUE;
  private long serial;
  private long evicted;
  private FrameBytesObserver frameBytesObserver;

  /** Sees, beside each record, the frame (wire) bytes of its packets; for tests comparing with tshark. */
  interface FrameBytesObserver {
    void ended(FlowRecord record, long frameBytes);
  }

  public FlowTable(FlowTableOptions options, FlowListener listener) {
    this(options, listener, AppMetadata.NONE);
  }

  public FlowTable(FlowTableOptions options, FlowListener listener, AppMetadata app) {
    this.options = options;
    this.listener = listener;
    this.app = app;
    this.lists = new IdleList[] {new IdleList(LIST_TCP, options.tcpIdleNanos(), deadlines, index),
        new IdleList(LIST_UDP, options.udpIdleNanos(), deadlines, index),
        new IdleList(LIST_OTHER, options.otherIdleNanos(), deadlines, index),
        new IdleList(LIST_CLOSING, options.closeGraceNanos(), deadlines, index)};
  }

  void frameBytesObserver(FrameBytesObserver observer) {
    this.frameBytesObserver = observer;
  }

  /** Flows open now. */
  public int openFlows() {
    return index.size();
  }

  /** Flows ended early because the table was full. */
  public long evicted() {
    return evicted;
  }

  @Override
  public void frame(long timestampNanos, int capturedLength, long originalLength, ByteBuffer buffer, int offset,
      DecodedFrame decoded) {
    if (timestampNanos > now) {
      now = timestampNanos;
      if (deadlines.passed(now)) {
        expire();
      }
    }
    if (!key(decoded)) {
      return;
    }
    Flow flow = last;
    if (flow == null || !FlowIndex.sameKey(flow, probe)) {
      probe.hash = FlowIndex.hash(probe);
      flow = index.find(probe);
    }
    if (flow != null && flow.isTcp && (decoded.tcpFlags() & (TcpTracker.SYN | TcpTracker.ACK)) == TcpTracker.SYN
        && restarts(flow, decoded)) {
      end(flow, flow.closing != null ? flow.closing : TcpTracker.reset(flow) ? "rst" : "fin");
      flow = null;
    }
    if (flow == null) {
      flow = create(timestampNanos, decoded);
    }
    update(flow, timestampNanos, originalLength, buffer, decoded);
    last = flow;
  }

  @Override
  public void tick(long nowNanos) {
    if (nowNanos > now) {
      now = nowNanos;
      if (deadlines.passed(now)) {
        expire();
      }
    }
  }

  /** Ends every open flow, in the order they started (a flow closing after FIN/RST keeps that reason). */
  @Override
  public void finish() {
    List<Flow> open = new ArrayList<>(index.size());
    for (IdleList list : lists) {
      for (Flow f = list.head; f != null; f = list.next(f)) {
        open.add(f);
      }
    }
    open.sort(Comparator.comparingLong(f -> f.serial));
    for (Flow f : open) {
      end(f, f.closing != null ? f.closing : "eof");
    }
  }

  /** Fills the probe with the frame's flow key; false when the frame belongs to no flow (no transport, no ICMP). */
  private boolean key(DecodedFrame d) {
    int layer = d.transportLayer();
    if (layer == DecodedFrame.NONE) {
      return false;
    }
    int protocol;
    int sourcePort;
    int destinationPort;
    int version = d.ipVersion(layer);
    if (d.transportProtocol() != DecodedFrame.NO_TRANSPORT) {
      protocol = d.transportProtocol();
      sourcePort = d.sourcePort();
      destinationPort = d.destinationPort();
    } else if (d.icmpType() != DecodedFrame.NONE) {
      protocol = version == 4 ? CommunityId.ICMP : CommunityId.ICMPV6;
      sourcePort = d.icmpType();
      int counterpart = version == 4 ? CommunityId.icmpCounterpart(sourcePort)
          : CommunityId.icmpv6Counterpart(sourcePort);
      destinationPort = counterpart >= 0 ? counterpart : d.icmpCode();
    } else {
      return false;
    }
    long sourceHigh;
    long sourceLow;
    long destinationHigh;
    long destinationLow;
    if (version == 4) {
      sourceHigh = 0;
      sourceLow = d.ipv4Source(layer) & 0xffffffffL;
      destinationHigh = 0;
      destinationLow = d.ipv4Destination(layer) & 0xffffffffL;
    } else {
      sourceHigh = d.ipv6SourceHigh(layer);
      sourceLow = d.ipv6SourceLow(layer);
      destinationHigh = d.ipv6DestinationHigh(layer);
      destinationLow = d.ipv6DestinationLow(layer);
    }
    int c = Long.compareUnsigned(sourceHigh, destinationHigh);
    if (c == 0) {
      c = Long.compareUnsigned(sourceLow, destinationLow);
    }
    probeFromA = c < 0 || (c == 0 && sourcePort <= destinationPort);
    Flow k = probe;
    k.ipVersion = version;
    k.protocol = protocol;
    k.vlan = d.vlanId();
    if (probeFromA) {
      k.aHigh = sourceHigh;
      k.aLow = sourceLow;
      k.aPort = sourcePort;
      k.bHigh = destinationHigh;
      k.bLow = destinationLow;
      k.bPort = destinationPort;
    } else {
      k.aHigh = destinationHigh;
      k.aLow = destinationLow;
      k.aPort = destinationPort;
      k.bHigh = sourceHigh;
      k.bLow = sourceLow;
      k.bPort = sourcePort;
    }
    return true;
  }

  /**
   * A SYN (without ACK) on a connection already closed or reset, with a new ISN, starts a new connection on the same
   * 5-tuple, as tshark's {@code tcp.stream} splits it.
   */
  private boolean restarts(Flow flow, DecodedFrame d) {
    int flags = d.tcpFlags();
    if ((flags & (TcpTracker.SYN | TcpTracker.ACK)) != TcpTracker.SYN) {
      return false;
    }
    TcpEndpoint sender = flow.tcp(flow.direction(probeFromA));
    if (sender.hasSequence && sender.start == d.tcpSequence()) {
      return false; // the same SYN again
    }
    int o = flow.tcp(Flow.ORIG).state;
    int r = flow.tcp(Flow.RESP).state;
    return o == TcpEndpoint.CLOSED || o == TcpEndpoint.RESET || r == TcpEndpoint.CLOSED || r == TcpEndpoint.RESET;
  }

  private Flow create(long ts, DecodedFrame d) {
    if (index.size() >= options.maxFlows()) {
      evictLongestIdle();
    }
    Flow f = free;
    if (f != null) {
      free = f.next == Flow.NO_LINK ? null : index.flow(f.next);
      f.next = Flow.NO_LINK;
    } else {
      f = new Flow();
    }
    Flow k = probe;
    f.hash = FlowIndex.hash(k); // the probe's hash is unset when the previous packet's flow just restarted
    f.ipVersion = k.ipVersion;
    f.protocol = k.protocol;
    f.vlan = k.vlan;
    f.aHigh = k.aHigh;
    f.aLow = k.aLow;
    f.aPort = k.aPort;
    f.bHigh = k.bHigh;
    f.bLow = k.bLow;
    f.bPort = k.bPort;
    f.serial = serial++;
    f.firstTs = ts;
    f.lastTs = ts;
    f.firstFromA = probeFromA;
    f.origIsA = probeFromA;
    if (d.icmpType() != DecodedFrame.NONE && d.transportProtocol() == DecodedFrame.NO_TRANSPORT) {
      f.icmpType = d.icmpType();
      f.icmpCode = d.icmpCode();
    }
    int list;
    if (f.protocol == CommunityId.TCP) {
      f.startTcp();
      list = LIST_TCP;
    } else {
      list = f.protocol == CommunityId.UDP ? LIST_UDP : LIST_OTHER;
    }
    if (Originator.firstPacketFromResponder(f, d)) {
      f.flip();
    }
    index.add(f);
    lists[list].addLast(f);
    return f;
  }

  private void update(Flow flow, long ts, long originalLength, ByteBuffer buffer, DecodedFrame d) {
    int direction = flow.direction(probeFromA);
    int layer = d.transportLayer();
    flow.lastTs = Math.max(flow.lastTs, ts);
    flow.count(direction, d.ipLength(layer), originalLength);
    int payload = d.payloadLength();
    int flags = 0;
    if (flow.isTcp) {
      flags = d.tcpFlags();
      TcpTracker.segment(flow, direction, ts, flags, d.tcpSequence(), d.tcpAcknowledgment(), d.tcpWindow(),
          payload);
      direction = flow.direction(probeFromA); // a SYN/SYN-ACK reversal may have flipped the roles
    } else {
      flow.addPayload(direction, payload);
      if (flow.protocol == CommunityId.UDP && payload > 0) {
        flow.checkHistory(TcpTracker.HIST_DATA, 'D', direction); // Zeek's UDP: 'D' payload, once per direction
      }
    }
    // An ICMP error quotes another packet, whose application the decoder names: not this flow's service.
    if (flow.service < 0 && d.transportProtocol() != DecodedFrame.NO_TRANSPORT) {
      flow.service = Services.of(d.protocols());
    }
    if (payload > 0 && d.payloadEnd() > d.payloadOffset()) {
      int limit = flow.service == io.netanal.decode.Protocol.DNS ? APP_PACKETS_DNS : APP_PACKETS;
      if (flow.appPackets < limit) {
        flow.appPackets++;
        app.inspect(d.transportProtocol(), d.sourcePort(), d.destinationPort(), buffer, d.payloadOffset(),
            d.payloadEnd(), direction == Flow.ORIG, flow);
      }
    }
    if (options.activeTimeoutNanos() > 0 && ts - flow.firstTs >= options.activeTimeoutNanos()) {
      interim(flow, ts);
    }
    if ((flags & (TcpTracker.FIN | TcpTracker.RST)) != 0 && flow.closing == null && TcpTracker.over(flow)) {
      flow.closing = TcpTracker.reset(flow) ? "rst" : "fin";
      lists[flow.list].remove(flow);
      lists[LIST_CLOSING].addLast(flow);
    } else {
      lists[flow.list].touch(flow);
    }
  }

  /**
   * Ends the flows idle past their timeout at {@link #now}, earliest deadline first. Called only once the clock
   * passed the lists' earliest deadline ({@link IdleList.Deadlines}), not on every new timestamp.
   */
  private void expire() {
    while (true) {
      Flow next = null;
      long nextDeadline = Long.MAX_VALUE;
      for (IdleList list : lists) {
        Flow f = list.expired(now);
        if (f != null && f.lastTs + list.timeoutNanos < nextDeadline) {
          next = f;
          nextDeadline = f.lastTs + list.timeoutNanos;
        }
      }
      if (next == null) {
        deadlines.reset(lists);
        return;
      }
      end(next, next.closing != null ? next.closing : "idle");
    }
  }

  private void evictLongestIdle() {
    Flow oldest = null;
    for (IdleList list : lists) {
      if (list.head != null && (oldest == null || list.head.lastTs < oldest.lastTs)) {
        oldest = list.head;
      }
    }
    if (oldest != null) {
      evicted++;
      end(oldest, "evicted");
    }
  }

  /** An active-timeout record for a long flow, which then goes on counting afresh. */
  private void interim(Flow flow, long ts) {
    report(flow, "active");
    if (flow.isTcp) {
      flow.origReported = flow.tcp(Flow.ORIG).size();
      flow.respReported = flow.tcp(Flow.RESP).size();
      flow.tcp(Flow.ORIG).retransmissions = 0;
      flow.tcp(Flow.RESP).retransmissions = 0;
    }
    flow.clearCounters();
    flow.firstTs = ts;
  }

  private void end(Flow flow, String reason) {
    if (flow == last) {
      last = null;
    }
    index.remove(flow);
    lists[flow.list].remove(flow);
    report(flow, reason);
    flow.clear();
    flow.next = free == null ? Flow.NO_LINK : free.id;
    free = flow;
  }

  /** Hands {@code flow} on as it ends (or, live, at an interim record) for {@code reason}. */
  private void report(Flow flow, String reason) {
    ended.of(flow, reason, options.source());
    if (frameBytesObserver != null) {
      frameBytesObserver.ended(ended.record(), flow.frameBytes());
    }
    listener.flowEnded(ended);
    ended.clear();
  }
}
