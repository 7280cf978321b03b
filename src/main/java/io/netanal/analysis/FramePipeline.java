package io.netanal.analysis;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.decode.FrameDecoder;
import io.netanal.filter.FilterCompiler;
import io.netanal.filter.FilterExpression;
import io.netanal.filter.FilteringSink;
import io.netanal.frame.FrameSink;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.stats.StatisticsCollector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The one per-frame path every command uses: (filter) -> decoder -> statistics -> ordered consumers (flow table,
 * windows, per-packet output, export), each consumer seeing the frame's bytes and its decoded view in capture
 * order. File analysis, live capture and packet export build theirs here.
 *
 * <p>Owned by the one thread that delivers frames, like every {@link FrameSink}; {@link #tick} and
 * {@link #finish} come from that thread too.
 */
public final class FramePipeline {
  private final FrameSink head;
  private final Decoding decoding;

  private final FilterExpression filter;
  private final FilterCompiler compiler;

  private FramePipeline(FrameSink head, Decoding decoding, FilterExpression filter, FilterCompiler compiler) {
    this.head = head;
    this.decoding = decoding;
    this.filter = filter;
    this.compiler = compiler;
  }

  /**
   * A pipeline of {@code filter} (null for none, then {@code compiler} may be null too), the decoder,
   * {@code collector} (null for none) and {@code consumers} in order.
   */
  public static FramePipeline of(FilterExpression filter, FilterCompiler compiler, StatisticsCollector collector,
      List<? extends DecodedFrameConsumer> consumers) {
    Decoding decoding = new Decoding(collector, consumers.toArray(new DecodedFrameConsumer[0]));
    FrameSink head = filter == null ? decoding : new FilteringSink(filter, compiler, decoding);
    return new FramePipeline(head, decoding, filter, compiler);
  }

  /** Where frames go in. */
  public FrameSink sink() {
    return head;
  }

  /**
   * Reads every frame of {@code reader} through this pipeline on two threads: this one reads, filters, decodes and
   * counts statistics; a second one runs the consumers, in order, on copies of the frames and their decoded views
   * (see {@link OrderedStage}). The outcome is that of {@code reader.read(sink())}; a consumer's exception is
   * rethrown here. Worth it when the consumers' work is comparable to the decoding's (the flow table), and only
   * on more than one core.
   */
  public void readStaged(CaptureFileReader reader) throws IOException {
    readStaged(reader, new int[] {0, decoding.consumers.length}, 0, null);
  }

  /**
   * As {@link #readStaged(CaptureFileReader)}, the consumers split in order into groups of {@code sizes[i]}: group 0
   * on the reading thread, each later one on a stage thread of its own; {@code relay} (null for none) carries the
   * flow records group {@code relayGroup} ends to the last group, in order.
   */
  void readStaged(CaptureFileReader reader, int[] sizes, int relayGroup, OrderedRelay relay) throws IOException {
    DecodedFrameConsumer[] all = decoding.consumers;
    DecodedFrameConsumer[][] groups = new DecodedFrameConsumer[sizes.length][];
    int from = 0;
    for (int i = 0; i < sizes.length; i++) {
      groups[i] = Arrays.copyOfRange(all, from, from + sizes[i]);
      from += sizes[i];
    }
    if (from != all.length) {
      throw new IllegalArgumentException("stages: groups of " + Arrays.toString(sizes) + " (expected: "
          + all.length + " consumers in all)");
    }
    OrderedStage stage = new OrderedStage(decoding.collector, groups, relayGroup, relay);
    stage.read(reader, filter == null ? stage : new FilteringSink(filter, compiler, stage));
  }

  /** Capture time advanced without frames (live idle): consumers may time out state. */
  public void tick(long nowNanos) {
    for (DecodedFrameConsumer c : decoding.consumers) {
      c.tick(nowNanos);
    }
  }

  /** The input ended: consumers flush what is open. */
  public void finish() {
    for (DecodedFrameConsumer c : decoding.consumers) {
      c.finish();
    }
  }

  /** Decoder, statistics and consumers, one reused {@link DecodedFrame}. */
  private static final class Decoding implements FrameSink {
    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedFrame decoded = new DecodedFrame();
    private final StatisticsCollector collector;
    private final DecodedFrameConsumer[] consumers;

    Decoding(StatisticsCollector collector, DecodedFrameConsumer[] consumers) {
      this.collector = collector;
      this.consumers = consumers;
    }

    @Override
    public void frame(int linkType, long timestampNanos, int capturedLength, int originalLength, ByteBuffer buffer,
        int offset) {
      decoder.decode(linkType, buffer, offset, capturedLength, decoded);
      if (collector != null) {
        collector.record(timestampNanos, capturedLength, originalLength, decoded);
      }
      long wireLength = Integer.toUnsignedLong(originalLength); // unsigned 32 bits, as pcap and pcapng store it
      for (DecodedFrameConsumer c : consumers) {
        c.frame(timestampNanos, capturedLength, wireLength, buffer, offset, decoded);
      }
    }
  }
}
