package io.netanal.analysis;

import io.netanal.flow.EndedFlow;
import io.netanal.flow.FlowListener;
import io.netanal.flow.FlowRecord;
import io.netanal.flow.FlowTimingListener;

/**
 * Hands flow records to a listener that runs as a later consumer of an {@link OrderedStage}: while a file is read in
 * stages, the flow table (on the reading thread or a stage of its own) ends flows ahead of the listener (on the last
 * stage), so a record is put in the batch of the frame it ended at and delivered just before that frame reaches the
 * listener, exactly where the direct pipeline delivers it. Outside a staged read (finish, serial reads) records go
 * straight through. A listener that takes ended flows as a few numbers ({@link FlowTimingListener}: the windows)
 * gets those instead, carried in the batch without a record (the flow table makes none for most flows).
 *
 * <p>Called on the thread that runs the flow table; {@link #stage} is set by that thread only (and by the reading
 * thread once the stages ended).
 */
final class OrderedRelay implements FlowListener {
  private final FlowListener target;
  /** The target, when it takes ended flows as a few numbers: those are carried instead of records. */
  private final FlowTimingListener timing;
  private StagedFrames batch;
  private int frame;

  OrderedRelay(FlowListener target) {
    this.target = target;
    this.timing = target instanceof FlowTimingListener t ? t : null;
  }

  /** Records from now on go into {@code batch}, at frame {@code frame} (null: straight to the listener). */
  void stage(StagedFrames batch, int frame) {
    this.batch = batch;
    this.frame = frame;
  }

  @Override
  public void flowEnded(FlowRecord flow) {
    if (batch == null) {
      target.flowEnded(flow);
    } else {
      batch.addRecord(flow, frame);
    }
  }

  /**
   * From the flow table's view: the flow's numbers go into the batch when the target takes them (no record is
   * made for it), else its record.
   */
  @Override
  public void flowEnded(EndedFlow flow) {
    if (batch == null) {
      target.flowEnded(flow);
    } else if (timing != null) {
      batch.addTiming(frame, flow.tsNanos(), flow.ipProtocol(), flow.ipVersion(), flow.origAddressHigh(),
          flow.origAddressLow(), flow.origRetransmissions(), flow.rttMillis());
    } else {
      batch.addRecord(flow.record(), frame);
    }
  }

  /** Delivers ended flow {@code i} of {@code from} to the target, on the target's stage. */
  void deliver(StagedFrames from, int i) {
    FlowRecord record = from.record(i);
    if (record != null) {
      target.flowEnded(record);
    } else {
      timing.flowTiming(from.timingTs(i), from.timingProtocol(i), from.timingVersion(i), from.timingHigh(i),
          from.timingLow(i), from.timingRetransmissions(i), from.timingRtt(i));
    }
  }
}
