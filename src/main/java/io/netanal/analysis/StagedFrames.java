package io.netanal.analysis;

import io.netanal.decode.DecodedFrame;
import io.netanal.flow.FlowRecord;
import io.netanal.flow.FlowTimingListener;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One batch of the {@link OrderedStage} hand-off: frames of one read window, in place (the reader's window is not
 * refilled until the last stage is done with it, see {@link WindowRing}), each with the {@link DecodedFrame} the
 * reading thread decoded and its timestamp and lengths, and the flow records an earlier stage's consumers ended
 * meanwhile ({@link OrderedRelay}). The later stages replay them exactly as the reading thread saw them.
 *
 * <p>Preallocated and reused, so the steady state allocates nothing. Owned by one thread at a time: the reader
 * fills it, the queues hand it from stage to stage, the last stage returns it.
 */
final class StagedFrames {
  static final int MAX_FRAMES = 1024;
  /** An ended flow's numbers: start, IP protocol, IP version, originator high and low, retransmissions, RTT. */
  private static final int TIMING_WORDS = 7;

  /** The read window the frames are in (a heap buffer), and its array. */
  private ByteBuffer buffer;
  private byte[] bytes;
  /** This batch's number in hand-over order, for {@link WindowRing}. */
  long number;
  final int[] offsets = new int[MAX_FRAMES];
  final int[] capturedLengths = new int[MAX_FRAMES];
  final long[] timestamps = new long[MAX_FRAMES];
  final long[] wireLengths = new long[MAX_FRAMES];
  final DecodedFrame[] decoded;
  int size;
  /**
   * Flow records ended while a stage's consumers saw frame {@code recordFrames[i]}: per flow, so rare in most
   * traffic and one a frame in a flood of new flows in a full table (arrays: a list's bookkeeping per record).
   */
  private FlowRecord[] records = new FlowRecord[16];
  private int[] recordFrames = new int[16];
  private int recordCount;
  /**
   * Or, where records[i] is null, the ended flow's numbers (OrderedRelay: a target that takes only those), in
   * {@link #TIMING_WORDS} adjacent words each (one or two cache lines written, not one in each of seven arrays).
   */
  private long[] timings = new long[16 * TIMING_WORDS];

  StagedFrames(int maxFrames) {
    decoded = new DecodedFrame[maxFrames];
    for (int i = 0; i < maxFrames; i++) {
      decoded[i] = new DecodedFrame();
    }
  }

  /** Whether another frame of {@code window} fits: the batch has room and holds only that window's frames. */
  boolean fits(ByteBuffer window) {
    return size < decoded.length && (size == 0 || window == buffer);
  }

  /** Frames from now on are in {@code window}; only while empty. */
  void window(ByteBuffer window) {
    buffer = window;
    bytes = window.array();
  }

  /** Adds the frame at {@code at} in the window, whose view the caller decoded into {@code decoded[size]}. */
  void commit(int at, int capturedLength, long timestampNanos, long wireLength) {
    offsets[size] = at;
    capturedLengths[size] = capturedLength;
    timestamps[size] = timestampNanos;
    wireLengths[size] = wireLength;
    size++;
  }

  /** A record ended by a stage's consumers during frame {@code frame}; frames only ever advance. */
  void addRecord(FlowRecord record, int frame) {
    int n = room();
    records[n] = record;
    recordFrames[n] = frame;
    recordCount = n + 1;
  }

  /** As {@link #addRecord}, an ended flow given by the numbers of {@link FlowTimingListener#flowTiming}. */
  void addTiming(int frame, long tsNanos, int ipProtocol, int ipVersion, long origHigh, long origLow,
      long retransmissions, double rttMillis) {
    int n = room();
    records[n] = null;
    recordFrames[n] = frame;
    long[] t = timings;
    int at = n * TIMING_WORDS;
    t[at] = tsNanos;
    t[at + 1] = ipProtocol;
    t[at + 2] = ipVersion;
    t[at + 3] = origHigh;
    t[at + 4] = origLow;
    t[at + 5] = retransmissions;
    t[at + 6] = Double.doubleToRawLongBits(rttMillis);
    recordCount = n + 1;
  }

  /** The index of the next ended flow, the arrays grown when full. */
  private int room() {
    int n = recordCount;
    if (n == records.length) {
      records = Arrays.copyOf(records, 2 * n);
      recordFrames = Arrays.copyOf(recordFrames, 2 * n);
      timings = Arrays.copyOf(timings, 2 * n * TIMING_WORDS);
    }
    return n;
  }

  int recordCount() {
    return recordCount;
  }

  /** Ended flow {@code i}'s record, or null when it was added by its numbers ({@link #addTiming}). */
  FlowRecord record(int i) {
    return records[i];
  }

  long timingTs(int i) {
    return timings[i * TIMING_WORDS];
  }

  int timingProtocol(int i) {
    return (int) timings[i * TIMING_WORDS + 1];
  }

  int timingVersion(int i) {
    return (int) timings[i * TIMING_WORDS + 2];
  }

  long timingHigh(int i) {
    return timings[i * TIMING_WORDS + 3];
  }

  long timingLow(int i) {
    return timings[i * TIMING_WORDS + 4];
  }

  long timingRetransmissions(int i) {
    return timings[i * TIMING_WORDS + 5];
  }

  double timingRtt(int i) {
    return Double.longBitsToDouble(timings[i * TIMING_WORDS + 6]);
  }

  /** The frame record {@code i} was ended at. */
  int recordFrame(int i) {
    return recordFrames[i];
  }

  /** The bytes {@link #buffer()} wraps. */
  byte[] bytes() {
    return bytes;
  }

  /** The window, BIG_ENDIAN; frame {@code i} is {@code [offsets[i], offsets[i] + capturedLengths[i])}. */
  ByteBuffer buffer() {
    return buffer;
  }

  void clear() {
    size = 0;
    buffer = null;
    bytes = null;
    Arrays.fill(records, 0, recordCount, null); // the records may be collected once delivered
    recordCount = 0;
  }
}
