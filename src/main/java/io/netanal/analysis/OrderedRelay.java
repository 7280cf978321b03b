package io.netanal.analysis;

import io.netanal.flow.FlowListener;
import io.netanal.flow.FlowRecord;

/**
 * Hands flow records to a listener that runs as a later consumer of an {@link OrderedStage}: while a file is read in
 * stages, the flow table (on the reading thread or a stage of its own) ends flows ahead of the listener (on the last
 * stage), so a record is put in the batch of the frame it ended at and delivered just before that frame reaches the
 * listener, exactly where the direct pipeline delivers it. Outside a staged read (finish, serial reads) records go
 * straight through.
 *
 * <p>Called on the thread that runs the flow table; {@link #stage} is set by that thread only (and by the reading
 * thread once the stages ended).
 */
final class OrderedRelay implements FlowListener {
  private final FlowListener target;
  private StagedFrames batch;
  private int frame;

  OrderedRelay(FlowListener target) {
    this.target = target;
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

  void deliver(FlowRecord flow) {
    target.flowEnded(flow);
  }
}
