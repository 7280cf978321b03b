package io.netanal.detect;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.flow.EndedFlow;
import io.netanal.flow.FlowListener;
import io.netanal.flow.FlowRecord;
import io.netanal.window.WindowAggregator;
import io.netanal.window.WindowListener;
import io.netanal.window.WindowSizes;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Windows and detection as one per-frame consumer: a {@link WindowAggregator} whose closed windows go through an
 * {@link AlertEngine} and then to an optional window listener (the {@code windows} command's output).
 *
 * <p>Fed by one thread in capture or file order (frames, ticks, finish, flow records); the listeners are called on
 * it. {@link #alerts()} and {@link #summary()} may be read from that thread, or after {@link #finish()}.
 */
public final class DetectionPipeline implements DecodedFrameConsumer, FlowListener {
  private final WindowSizes sizes;
  private final WindowAggregator aggregator;
  private final AlertEngine engine;

  public DetectionPipeline(WindowSizes sizes, DetectionSettings settings, AlertListener alerts,
      WindowListener windows) {
    this.sizes = sizes;
    this.engine = new AlertEngine(settings, sizes.nanos().get(0), alerts, windows);
    // Without a window listener nothing reads the records: only the features the detectors read are kept.
    this.aggregator = windows == null ? WindowAggregator.forDetection(sizes, engine)
        : WindowAggregator.inPlace(sizes, engine);
  }

  /**
   * What a reader feeds, for frames, ticks, the finish and flow records alike: the aggregator itself, whose closed
   * windows go through this pipeline's alert engine. This pipeline's own methods only forward to it; a file's read
   * calls it directly, without a second call per frame.
   */
  public WindowAggregator frames() {
    return aggregator;
  }

  @Override
  public void frame(long timestampNanos, int capturedLength, long originalLength, ByteBuffer buffer, int offset,
      DecodedFrame decoded) {
    aggregator.frame(timestampNanos, capturedLength, originalLength, buffer, offset, decoded);
  }

  @Override
  public void tick(long nowNanos) {
    aggregator.tick(nowNanos);
  }

  @Override
  public void finish() {
    aggregator.finish();
  }

  @Override
  public void flowEnded(FlowRecord flow) {
    aggregator.flowEnded(flow);
  }

  /** As the aggregator takes an ended flow: its few numbers, without a record (live capture's flow table). */
  @Override
  public void flowEnded(EndedFlow flow) {
    aggregator.flowEnded(flow);
  }

  public List<Alert> alerts() {
    return engine.alerts();
  }

  /** The report's {@code detection} object: what was windowed, what came too late, what was not kept. */
  public DetectionSummary summary() {
    return new DetectionSummary(sizes.nanos().stream().map(WindowSizes::label).toList(),
        aggregator.windowedPackets(), aggregator.latePackets(), engine.alerts().size(), engine.alertsOmitted());
  }
}
