package io.netanal.stats;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.FrameDecoder;
import io.netanal.frame.FrameSink;
import java.nio.ByteBuffer;

/**
 * The consumer's per-frame path: decodes each frame with its own {@link FrameDecoder} into one reused
 * {@link DecodedFrame} and counts it in a {@link StatisticsCollector}.
 *
 * <p>Called by one thread at a time, like every {@link FrameSink}; the collector it feeds follows the collector's
 * own contract (snapshots from the same thread, or after the frames end).
 */
public final class DecodingSink implements FrameSink {
  private final FrameDecoder decoder = new FrameDecoder();
  private final DecodedFrame decoded = new DecodedFrame();
  private final StatisticsCollector collector;
  private final Listener listener;

  /** Sees each frame after it is decoded and counted (for per-packet output); called on the recording thread. */
  @FunctionalInterface
  public interface Listener {
    void decoded(long timestampNanos, int capturedLength, int originalLength, DecodedFrame decoded);
  }

  public DecodingSink(StatisticsCollector collector) {
    this(collector, null);
  }

  /** A sink that also shows every decoded frame to {@code listener} (null for none). */
  public DecodingSink(StatisticsCollector collector, Listener listener) {
    this.collector = collector;
    this.listener = listener;
  }

  @Override
  public void frame(int linkType, long timestampNanos, int capturedLength, int originalLength, ByteBuffer buffer,
      int offset) {
    decoder.decode(linkType, buffer, offset, capturedLength, decoded);
    collector.record(timestampNanos, capturedLength, originalLength, decoded);
    if (listener != null) {
      listener.decoded(timestampNanos, capturedLength, originalLength, decoded);
    }
  }

  public StatisticsCollector collector() {
    return collector;
  }
}
