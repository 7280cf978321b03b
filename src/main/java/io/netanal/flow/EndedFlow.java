package io.netanal.flow;

/**
 * A flow as the {@link FlowTable} ends it, read in place: what the report counts of every ended flow (state,
 * service, end reason, size, start) and what the windows keep of it, without its {@link FlowRecord}, which is made
 * by {@link #record()} only for a listener that asks (one record per flow, however many ask).
 *
 * <p>Under a flood of new flows in a full table the table ends a flow per packet, and most are only counted: the
 * record (about 200 bytes, 40 fields copied) was a tenth of the flow table's thread and most of the garbage.
 *
 * <p>A flyweight owned by the flow table's thread and reused for the next flow: valid only during the
 * {@link FlowListener#flowEnded(EndedFlow)} call it is given to; keep {@link #record()}, never the view.
 */
public final class EndedFlow {
  private Flow flow;
  private String end;
  private String source;
  private FlowRecord record;
  private String state;

  /** Views {@code ended} (out of the index, not yet cleared), which ends for {@code reason}. */
  void of(Flow ended, String reason, String recordSource) {
    this.flow = ended;
    this.end = reason;
    this.source = recordSource;
    this.record = null;
    this.state = null;
  }

  /** Drops the flow, which the table reuses next. */
  void clear() {
    flow = null;
    record = null;
    state = null;
  }

  /** The flow's record, made on the first call for this flow. */
  public FlowRecord record() {
    FlowRecord r = record;
    if (r == null) {
      r = new FlowRecord(flow, end, source);
      record = r;
    }
    return r;
  }

  /** As {@link FlowRecord#state()}. */
  public String state() {
    if (record != null) {
      return record.state();
    }
    if (state == null) {
      state = ConnState.of(flow, flow.historyText());
    }
    return state;
  }

  /** As {@link FlowRecord#service()}. */
  public String service() {
    return Services.name(flow.service);
  }

  /** As {@link FlowRecord#end()}. */
  public String end() {
    return end;
  }

  /** As {@link FlowRecord#tsNanos()}. */
  public long tsNanos() {
    return flow.firstTs;
  }

  /** As {@link FlowRecord#packets()}. */
  public long packets() {
    return flow.origPackets + flow.respPackets;
  }

  /** As {@link FlowRecord#ipBytes()}. */
  public long ipBytes() {
    return flow.origIpBytes + flow.respIpBytes;
  }

  /** As {@link FlowRecord#durationNanos()}. */
  public long durationNanos() {
    return flow.lastTs - flow.firstTs;
  }

  /** As {@link FlowRecord#ipProtocol()}. */
  public int ipProtocol() {
    return flow.protocol;
  }

  /** As {@link FlowRecord#ipVersion()}. */
  public int ipVersion() {
    return flow.ipVersion;
  }

  /** As {@link FlowRecord#origAddressHigh()}. */
  public long origAddressHigh() {
    return flow.origHigh();
  }

  /** As {@link FlowRecord#origAddressLow()}. */
  public long origAddressLow() {
    return flow.origLow();
  }

  /** As {@link FlowRecord#origRetransmissions()}. */
  public long origRetransmissions() {
    return flow.isTcp ? flow.tcp(Flow.ORIG).retransmissions : 0;
  }

  /** As {@link FlowRecord#rttMillis()}, as a number: NaN when unknown (no allocation). */
  public double rttMillis() {
    return flow.isTcp && flow.rttNanos >= 0 ? flow.rttNanos / 1e6 : Double.NaN;
  }

  /** Whether the record has DNS, TLS or HTTP metadata (which names are learnt from). */
  public boolean hasApplicationMetadata() {
    return flow.dns != null || flow.tls != null || flow.http != null;
  }
}
