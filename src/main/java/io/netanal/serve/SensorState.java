package io.netanal.serve;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.flow.FlowListener;
import io.netanal.flow.FlowRecord;
import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowAggregator;
import io.netanal.window.WindowListener;
import io.netanal.window.WindowSizes;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One sensor's long-lived windows and source-side detection: every upload of the sensor is fed, in the order
 * received, into the same {@link WindowAggregator} (5 s, 30 s, 3 min), so a window straddling two spool files is
 * one window, and a scan split over several files is one episode. Each window that closes goes to the sensor's
 * {@link EpisodeEngine} (port scans, sweeps, brute force), into the unit of work's {@link DetectionOutput} as
 * features, and to the merged {@link TargetWindows} for the victim-side detectors.
 *
 * <p>A window closes when a later upload's packets pass it (the aggregator's rule: one 5 s window of grace), or
 * when the sensor goes quiet and the collector closes the whole state. Packets of an upload older than the open
 * windows are counted late, as {@code netanal windows} counts them, and not detected on.
 *
 * <p>Guarded by {@link #lock}: one unit of work at a time, between {@link #begin} and {@link #end}. Frames, flow
 * records and closed windows arrive on the thread doing it. Bounded: {@value #MAX_ROWS} addresses per window
 * table (four tables: two 5 s, one 30 s, one 3 min), {@value #MAX_SKETCHES} distinct-count sketches per column,
 * about 8.5 MB when every table is full (a row costs about 840 bytes with its exact distinct sets, a sketch 1 KiB).
 */
final class SensorState implements DecodedFrameConsumer, FlowListener, WindowListener {
  static final int MAX_ROWS = 2048;
  static final int MAX_SKETCHES = 64;
  private static final long NONE = Long.MIN_VALUE;
  private static final WindowSizes SIZES = WindowSizes.defaults();

  final ReentrantLock lock = new ReentrantLock();
  private final String sensor;
  private final TargetWindows targets;
  private final WindowAggregator aggregator;
  private final EpisodeEngine engine = new EpisodeEngine(false);
  private DetectionOutput out;
  private long newestBase = NONE;
  /** The start of the newest 5 s window closed, and per larger size the start of the newest one closed. */
  private long newestBaseClosed = NONE;
  private final Map<Long, Long> newestLargerClosed = new HashMap<>();
  private long lateBefore;
  private volatile long lastUsedMillis;
  /** Set once closed: a thread that waited for the lock must take a new state. */
  private boolean closed;

  SensorState(String sensor, TargetWindows targets, long nowMillis) {
    this.sensor = sensor;
    this.targets = targets;
    this.aggregator = new WindowAggregator(SIZES, this, MAX_ROWS, MAX_SKETCHES);
    this.lastUsedMillis = nowMillis;
  }

  String sensor() {
    return sensor;
  }

  boolean closed() {
    return closed;
  }

  long lastUsedMillis() {
    return lastUsedMillis;
  }

  /** Starts a unit of work writing into {@code into}; the caller holds the lock. */
  void begin(DetectionOutput into) {
    out = into;
    lateBefore = aggregator.latePackets();
  }

  /**
   * Ends the unit of work: counts its late packets, lets the merged targets close what every sensor has passed,
   * and settles the episodes raised.
   */
  void end(long nowMillis) {
    out.addLate(aggregator.latePackets() - lateBefore);
    if (newestBase != NONE) {
      targets.advance(sensor, closedUntil(), out);
    }
    engine.settle(out);
    targets.settle(out);
    lastUsedMillis = nowMillis;
    out = null;
  }

  /**
   * Per window size, the time by which every window of the size ending then is closed. The aggregator keeps the
   * newest 5 s window and the one before it open (grace); a larger window stays open after its 5 s windows closed
   * until a 5 s window of a later one closes (or its last one does), so the larger window holding the newest
   * closed 5 s window is open unless it was emitted.
   */
  private Map<Long, Long> closedUntil() {
    long base = (newestBase - 1) * WindowSizes.BASE_NANOS;
    Map<Long, Long> until = new HashMap<>();
    for (long size : SIZES.nanos()) {
      long u = base;
      if (size != WindowSizes.BASE_NANOS && newestBaseClosed != NONE) {
        long holding = Math.floorDiv(newestBaseClosed, size) * size;
        Long emitted = newestLargerClosed.get(size);
        if (emitted == null || emitted < holding) {
          u = Math.min(u, holding);
        }
      }
      until.put(size, u);
    }
    return until;
  }

  /** Closes every open window (they are complete: the sensor went quiet, or the collector stops). */
  void close(DetectionOutput into) {
    begin(into);
    aggregator.finish();
    targets.leave(sensor, into);
    engine.settle(into);
    targets.settle(into);
    out = null;
    closed = true;
  }

  /**
   * Drops the state without closing its windows (a store failure: the upload will be retried); merged windows
   * it no longer holds open may close into {@code into}.
   */
  void discard(DetectionOutput into) {
    out = null;
    targets.leave(sensor, into);
    targets.settle(into);
    closed = true;
  }

  @Override
  public void frame(long timestampNanos, int capturedLength, long originalLength, ByteBuffer buffer, int offset,
      DecodedFrame decoded) {
    if (decoded.ipCount() > 0) {
      newestBase = Math.max(newestBase, Math.floorDiv(timestampNanos, WindowSizes.BASE_NANOS));
    }
    aggregator.frame(timestampNanos, capturedLength, originalLength, buffer, offset, decoded);
  }

  @Override
  public void flowEnded(FlowRecord flow) {
    aggregator.flowEnded(flow);
  }

  /** The upload ended, not the sensor's traffic: its windows stay open for the next upload. */
  @Override
  public void finish() {}

  @Override
  public void windowClosed(ClosedWindow window) {
    long size = window.endNanos() - window.startNanos();
    if (size == WindowSizes.BASE_NANOS) {
      newestBaseClosed = Math.max(newestBaseClosed, window.startNanos());
    } else {
      newestLargerClosed.merge(size, window.startNanos(), Math::max);
    }
    engine.windowClosed(window, out, a -> null);
    out.windowClosed(sensor, window);
    targets.contribute(sensor, window, out);
  }
}
