package io.netanal.capture;

import io.netanal.NetanalException;
import io.netanal.frame.FrameSink;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The two threads of a live capture: a capture thread reads a {@link FrameSource} and copies its frames, in
 * batches, into a bounded {@link FrameQueue}; the thread that calls {@link #run} consumes them into a
 * {@link FrameSink} until the capture stops (frame count, duration, {@link #stop}, a failure) and the queue is
 * drained. When the queue is full the capture thread waits for the consumer instead of dropping, so that the
 * source's own buffer (the kernel's, for libpcap) holds the backlog; once a stop is asked it waits no more.
 * Knows nothing of libpcap, so tests drive it with a source of their own.
 *
 * <p>{@link #run} is called once, by one thread; {@link #stop} and {@link #statistics} by any. However
 * {@link #run} ends (normally, by a sink that throws, an {@code Error}, an interrupt), it stops the capture
 * thread, drains the queue so that the thread's last hand-off cannot block, and joins it; the capture thread
 * closes the source on its way out.
 */
final class CaptureLoop {
  /** How often {@link #run} calls its tick and the capture thread refreshes the source's drop counts. */
  static final long TICK_MILLIS = 250;

  private final FrameSource source;
  private final String name;
  private final int linkType;
  private final long count;
  private final long durationMillis;
  private final FrameQueue queue;
  private final Thread captureThread;
  private final FrameSource.Receiver receiver = this::offer;
  private volatile boolean stopRequested;
  /** The queue waits for the consumer while this holds: until a stop is asked. */
  private final BooleanSupplier capturing = () -> !stopRequested;
  private volatile Exception captureFailure;
  private volatile FrameSource.Drops drops = new FrameSource.Drops(0, 0);
  private boolean started;

  /**
   * @param name the device, for messages
   * @param count frames to capture, 0 for no limit
   * @param durationMillis how long to capture, 0 for no limit
   * @param maxFrameBytes the longest frame the source delivers (the snaplen)
   */
  CaptureLoop(FrameSource source, String name, int linkType, long count, long durationMillis, int queueFrames,
      int maxFrameBytes) {
    this.source = source;
    this.name = name;
    this.linkType = linkType;
    this.count = count;
    this.durationMillis = durationMillis;
    this.queue = new FrameQueue(queueFrames, maxFrameBytes);
    this.captureThread = new Thread(this::capture, "netanal-capture");
    captureThread.setDaemon(true);
  }

  /**
   * Captures, delivering every kept frame to {@code sink} on the calling thread, and {@code tick} on the same
   * thread at least every {@value #TICK_MILLIS} ms (also when no frame arrives); returns the final counts once
   * the queue is drained. A sink or tick that throws stops the capture, and its exception is rethrown once the
   * capture thread has ended. A failure of the source mid-capture throws {@link NetanalException} (a runtime
   * failure, not the environment: the capture had started); {@link #statistics} still gives what was counted.
   */
  CaptureStatistics run(FrameSink sink, Runnable tick) {
    if (started) {
      throw new IllegalStateException("run: called twice (expected: once per capture)");
    }
    started = true;
    captureThread.start();
    try {
      consume(sink, tick);
    } finally {
      stop();
      drainAndJoin();
    }
    Exception failure = captureFailure;
    if (failure != null) {
      throw new NetanalException(name + ": capture failed: " + failure.getMessage(), failure);
    }
    return statistics();
  }

  private void consume(FrameSink sink, Runnable tick) {
    long deadline = durationMillis == 0 ? Long.MAX_VALUE
        : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMillis);
    long nextTick = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    try {
      while (true) {
        long now = System.nanoTime();
        FrameBatch batch = queue.poll(Math.max(0, Math.min(nextTick, deadline) - now), TimeUnit.NANOSECONDS);
        if (batch != null) {
          try {
            deliver(batch, sink);
          } finally {
            queue.release(batch);
          }
        } else if (queue.ended()) {
          return;
        }
        now = System.nanoTime();
        if (now >= deadline) {
          stop();
          deadline = Long.MAX_VALUE;
        }
        if (now >= nextTick) {
          tick.run();
          nextTick = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stops like stop(); the caller sees the flag
    }
  }

  private void deliver(FrameBatch batch, FrameSink sink) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      sink.frame(linkType, batch.timestampNanos(i), batch.capturedLength(i), batch.originalLength(i),
          batch.buffer(), batch.offset(i));
    }
  }

  /**
   * Throws away what is still queued until the capture thread's end marker arrives, then joins the thread.
   * Bounded: after {@link #stop} the capture thread leaves its read within the source's read timeout.
   */
  private void drainAndJoin() {
    boolean interrupted = Thread.interrupted();
    while (!queue.ended()) {
      try {
        FrameBatch batch = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
        if (batch != null) {
          queue.release(batch);
        } else if (!queue.ended() && !captureThread.isAlive()) {
          break; // it died without its end marker (an Error while finishing): nothing more can come
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    while (true) {
      try {
        captureThread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Asks the capture to stop; {@link #run} returns once the frames already queued are delivered. Any thread. */
  void stop() {
    stopRequested = true;
    source.wakeUp();
  }

  /** The counts so far (the source's drop counts as of the last refresh, at most {@value #TICK_MILLIS} ms old). */
  CaptureStatistics statistics() {
    FrameSource.Drops d = drops;
    return new CaptureStatistics(queue.received(), queue.dropped(), d.kernel(), d.byInterface());
  }

  /** Closes the source when {@link #run} never started the capture thread (which closes it otherwise). */
  void closeUnstarted() {
    if (!started) {
      source.close();
    }
  }

  private void capture() {
    long nextDrops = 0;
    try {
      while (!stopRequested) {
        source.read(receiver);
        queue.flush();
        long now = System.nanoTime();
        if (now >= nextDrops) {
          drops = source.drops();
          nextDrops = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        }
      }
    } catch (IOException | RuntimeException e) {
      captureFailure = e;
    } finally {
      try {
        drops = source.drops();
      } catch (IOException | RuntimeException e) {
        // keep the last counts
      }
      try {
        queue.finish();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        source.close();
      }
    }
  }

  /** The capture thread's receiver: one frame into the queue, and the stop once the count is reached. */
  private void offer(long timestampNanos, byte[] frame, int capturedLength, int originalLength) {
    if (count != 0 && queue.accepted() >= count) {
      return; // frames the source had already read when the count was reached
    }
    queue.add(timestampNanos, frame, capturedLength, originalLength, capturing);
    if (count != 0 && queue.accepted() >= count) {
      stop();
    }
  }
}
