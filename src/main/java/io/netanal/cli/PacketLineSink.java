package io.netanal.cli;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.FrameDecoder;
import io.netanal.frame.FrameSink;
import io.netanal.stats.StatisticsCollector;
import io.netanal.term.PacketLine;
import java.io.PrintWriter;
import java.nio.ByteBuffer;

/**
 * The {@code capture -v} consumer path: decodes each frame once, counts it in a {@link StatisticsCollector} and
 * prints its {@link PacketLine} from the same {@link DecodedFrame}, so that {@code -v} costs one line of output
 * per frame and no second decode.
 *
 * <p>Called by the capture's consumer thread only, like every {@link FrameSink}. It replaces
 * {@link io.netanal.stats.DecodingSink} under {@code -v} rather than wrapping it, because that sink keeps its
 * decoded frame to itself.
 */
final class PacketLineSink implements FrameSink {
  private final FrameDecoder decoder = new FrameDecoder();
  private final DecodedFrame decoded = new DecodedFrame();
  private final StatisticsCollector collector;
  private final PacketLine line;
  private final PrintWriter out;

  PacketLineSink(StatisticsCollector collector, PacketLine line, PrintWriter out) {
    this.collector = collector;
    this.line = line;
    this.out = out;
  }

  @Override
  public void frame(int linkType, long timestampNanos, int capturedLength, int originalLength, ByteBuffer buffer,
      int offset) {
    decoder.decode(linkType, buffer, offset, capturedLength, decoded);
    collector.record(timestampNanos, capturedLength, originalLength, decoded);
    out.println(line.format(timestampNanos, decoded, capturedLength, originalLength));
  }
}
