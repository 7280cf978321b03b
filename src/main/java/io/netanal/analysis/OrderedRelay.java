package io.netanal.analysis;

import io.netanal.flow.FlowListener;
import io.netanal.flow.FlowRecord;

/**
 * Hands flow records to a listener that runs as a later consumer of an {@link OrderedStage}: while a file is read in
 * stages, the flow table (on the reading thread) ends flows ahead of the listener (on the consumers' thread), so a
 * record is put in the batch of the frame it ended at and delivered just before that frame reaches the later
 * consumers, exactly where the direct pipeline delivers it. Outside a staged read (finish, serial reads) records go
 * straight through.
 *
 * <p>Called on the reading thread; {@link #stage} is set by that thread only.
 */
final class OrderedRelay implements FlowListener {
  private final FlowListener target;
  private StagedFrames batch;

  OrderedRelay(FlowListener target) {
    this.target = target;
  }

  /** Records from now on go into {@code filling} (null: straight to the listener). */
  void stage(StagedFrames filling) {
    this.batch = filling;
  }

  @Override
  public void flowEnded(FlowRecord flow) {
    if (batch == null) {
      target.flowEnded(flow);
    } else {
      batch.addRecord(flow);
    }
  }

  void deliver(FlowRecord flow) {
    target.flowEnded(flow);
  }
}
