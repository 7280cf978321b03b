package io.netanal.analysis;

import io.netanal.decode.DecodedFrame;
import io.netanal.flow.FlowRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One batch of the {@link OrderedStage} hand-off: frames copied into one slab, each with the {@link DecodedFrame}
 * the reading thread decoded from that copy (so its offsets point into the slab) and its timestamp and lengths, and
 * the flow records an earlier stage's consumers ended meanwhile ({@link OrderedRelay}). The later stages replay them
 * exactly as the reading thread saw them.
 *
 * <p>Preallocated and reused, so the steady state allocates nothing (a frame larger than the whole slab grows it
 * once). Owned by one thread at a time: the reader fills it, the queues hand it from stage to stage, the last
 * stage returns it.
 */
final class StagedFrames {
  static final int MAX_FRAMES = 1024;
  private static final int SLAB_BYTES = 512 << 10;

  private byte[] slab = new byte[SLAB_BYTES];
  private ByteBuffer buffer = wrap(slab);
  final int[] offsets = new int[MAX_FRAMES];
  final int[] capturedLengths = new int[MAX_FRAMES];
  final long[] timestamps = new long[MAX_FRAMES];
  final long[] wireLengths = new long[MAX_FRAMES];
  final DecodedFrame[] decoded;
  int size;
  private int used;
  /** Flow records ended while a stage's consumers saw frame {@code recordFrames[i]} (rare: per flow). */
  private final List<FlowRecord> records = new ArrayList<>();
  private int[] recordFrames = new int[16];

  StagedFrames(int maxFrames) {
    decoded = new DecodedFrame[maxFrames];
    for (int i = 0; i < maxFrames; i++) {
      decoded[i] = new DecodedFrame();
    }
  }

  /** Whether a frame of {@code capturedLength} bytes still fits (an empty batch always takes one). */
  boolean fits(int capturedLength) {
    return size < decoded.length && (size == 0 || capturedLength <= slab.length - used);
  }

  /**
   * Copies a frame's bytes in and returns where they start in {@link #buffer()}; the caller then decodes into
   * {@code decoded[size]} and calls {@link #commit}.
   */
  int copy(ByteBuffer source, int offset, int capturedLength) {
    if (capturedLength > slab.length - used) { // only when empty: one frame larger than the slab
      slab = new byte[capturedLength];
      buffer = wrap(slab);
    }
    int at = used;
    if (source.hasArray()) {
      System.arraycopy(source.array(), source.arrayOffset() + offset, slab, at, capturedLength);
    } else {
      source.get(offset, slab, at, capturedLength);
    }
    return at;
  }

  void commit(int at, int capturedLength, long timestampNanos, long wireLength) {
    offsets[size] = at;
    capturedLengths[size] = capturedLength;
    timestamps[size] = timestampNanos;
    wireLengths[size] = wireLength;
    used = at + capturedLength;
    size++;
  }

  /** A record ended by a stage's consumers during frame {@code frame}; frames only ever advance. */
  void addRecord(FlowRecord record, int frame) {
    if (records.size() == recordFrames.length) {
      recordFrames = Arrays.copyOf(recordFrames, 2 * recordFrames.length);
    }
    recordFrames[records.size()] = frame;
    records.add(record);
  }

  int recordCount() {
    return records.size();
  }

  FlowRecord record(int i) {
    return records.get(i);
  }

  /** The frame record {@code i} was ended at. */
  int recordFrame(int i) {
    return recordFrames[i];
  }

  /** The bytes {@link #buffer()} wraps. */
  byte[] slab() {
    return slab;
  }

  /** The slab, BIG_ENDIAN; frame {@code i} is {@code [offsets[i], offsets[i] + capturedLengths[i])}. */
  ByteBuffer buffer() {
    return buffer;
  }

  void clear() {
    size = 0;
    used = 0;
    records.clear();
  }

  private static ByteBuffer wrap(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
  }
}
