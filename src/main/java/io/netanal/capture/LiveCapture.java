package io.netanal.capture;

import io.netanal.CaptureException;
import io.netanal.FilterSyntaxException;
import io.netanal.frame.FrameSink;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;

/**
 * A live capture on one device: a capture thread reads raw frames with pcap4j and copies them, in batches, into
 * a bounded {@link FrameQueue} without ever waiting; the thread that calls {@link #run} consumes them into a
 * {@link FrameSink} until the capture stops (frame count, duration, {@link #stop} or an error) and the queue is
 * drained.
 *
 * <p>{@link #open} and {@link #run} are called by one thread; {@link #stop} and {@link #statistics} by any. Why
 * {@code pcap_dispatch}: pcap4j's raw-packet callback keeps up where a {@code pcap_next} loop lets the kernel drop
 * most frames (DESIGN.md section 3), and unlike {@code pcap_loop} it returns after each kernel buffer, so a
 * partly filled batch is handed over at once and the stop flag is checked even on an idle device (with the read
 * timeout, and {@code pcap_breakloop} waking the poll).
 */
public final class LiveCapture implements AutoCloseable {
  /** libpcap's read timeout: the longest a partly filled kernel buffer waits before it is delivered. */
  static final int READ_TIMEOUT_MILLIS = 100;
  /** How often {@link #run} calls its tick and the capture thread refreshes libpcap's drop counts. */
  static final long TICK_MILLIS = 250;

  private final CaptureConfig config;
  private final String device;
  private final PcapHandle handle;
  private final int linkType;
  private final int snaplen;
  private final FrameQueue queue;
  private final Thread captureThread;
  private volatile boolean stopRequested;
  private volatile Exception captureFailure;
  private volatile long droppedByKernel;
  private volatile long droppedByInterface;
  private boolean started;

  private LiveCapture(CaptureConfig config, String device, PcapHandle handle) throws NotOpenException {
    this.config = config;
    this.device = device;
    this.handle = handle;
    this.linkType = handle.getDlt().value();
    this.snaplen = handle.getSnapshot();
    this.queue = new FrameQueue(config.queueFrames(), snaplen);
    this.captureThread = new Thread(this::capture, "netanal-capture");
    captureThread.setDaemon(true);
  }

  /**
   * Checks privileges and libpcap, resolves the device, opens it and applies the filter. Throws
   * {@link CaptureException} for the environment (no permission, no libpcap, no such device) and
   * {@link FilterSyntaxException} for a filter libpcap will not compile.
   */
  public static LiveCapture open(CaptureConfig config) {
    CapturePrivileges.require();
    Libpcap.version();
    List<CaptureDevice> devices = CaptureDevices.list();
    String device = config.device() == null ? CaptureDevices.defaultDevice(devices)
        : CaptureDevices.require(config.device(), devices);
    PcapHandle handle = openHandle(device, config);
    try {
      if (config.filter() != null) {
        applyFilter(handle, config.filter());
      }
      return new LiveCapture(config, device, handle);
    } catch (NotOpenException | RuntimeException e) {
      handle.close();
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new CaptureException(device + ": " + e.getMessage(), e);
    }
  }

  private static PcapHandle openHandle(String device, CaptureConfig config) {
    try {
      return builder(device, config).timestampPrecision(TimestampPrecision.NANO).build();
    } catch (PcapNativeException nanoFailed) {
      try {
        return builder(device, config).build(); // a libpcap or device without nanosecond timestamps
      } catch (PcapNativeException e) {
        throw new CaptureException("cannot capture on " + device + ": " + e.getMessage(), e);
      }
    }
  }

  private static PcapHandle.Builder builder(String device, CaptureConfig config) {
    return new PcapHandle.Builder(device)
        .snaplen(config.snaplen())
        .promiscuousMode(PromiscuousMode.PROMISCUOUS)
        .timeoutMillis(READ_TIMEOUT_MILLIS)
        .bufferSize(config.bufferBytes())
        .immediateMode(config.immediateMode());
  }

  private static void applyFilter(PcapHandle handle, String filter) throws NotOpenException {
    try {
      handle.setFilter(filter, BpfCompileMode.OPTIMIZE, PcapHandle.PCAP_NETMASK_UNKNOWN);
    } catch (PcapNativeException e) {
      String message = e.getMessage().replaceFirst("^Error occurr?ed in pcap_compile: ", "");
      throw new FilterSyntaxException("filter '" + filter + "': " + message);
    }
  }

  public String device() {
    return device;
  }

  /** The device's LINKTYPE_ value. */
  public int linkType() {
    return linkType;
  }

  /** The snapshot length libpcap applies: no captured frame is longer. */
  public int snaplen() {
    return snaplen;
  }

  /** The kernel filter, or null. */
  public String filter() {
    return config.filter();
  }

  /**
   * Captures until the frame count or duration of the config is reached or {@link #stop} is called, delivering
   * every kept frame to {@code sink} on the calling thread, and {@code tick} on the same thread at least every
   * {@value #TICK_MILLIS} ms (also when no frame arrives). Returns once the queue is drained, with the final
   * counts. A sink or tick that throws stops the capture; the exception is rethrown after the capture thread ended.
   */
  public CaptureStatistics run(FrameSink sink, Runnable tick) {
    if (started) {
      throw new IllegalStateException("run: called twice (expected: once per capture)");
    }
    started = true;
    long deadline = config.durationMillis() == 0 ? Long.MAX_VALUE
        : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.durationMillis());
    captureThread.start();
    RuntimeException sinkFailure = null;
    long nextTick = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    try {
      while (true) {
        long now = System.nanoTime();
        FrameBatch batch = queue.poll(Math.max(0, Math.min(nextTick, deadline) - now), TimeUnit.NANOSECONDS);
        if (batch != null) {
          if (sinkFailure == null) {
            try {
              deliver(batch, sink);
            } catch (RuntimeException e) {
              sinkFailure = e; // keep draining, so the capture thread can hand over its end marker
              stop();
            }
          }
          queue.release(batch);
        } else if (queue.ended()) {
          break;
        }
        now = System.nanoTime();
        if (now >= deadline) {
          stop();
          deadline = Long.MAX_VALUE;
        }
        if (now >= nextTick && sinkFailure == null) {
          try {
            tick.run();
          } catch (RuntimeException e) {
            sinkFailure = e;
            stop();
          }
          nextTick = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        }
      }
      captureThread.join();
    } catch (InterruptedException e) {
      stop();
      Thread.currentThread().interrupt();
    }
    if (sinkFailure != null) {
      throw sinkFailure;
    }
    Exception failure = captureFailure;
    if (failure != null) {
      throw new CaptureException("capture on " + device + " failed: " + failure.getMessage(), failure);
    }
    return statistics();
  }

  private void deliver(FrameBatch batch, FrameSink sink) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      sink.frame(linkType, batch.timestampNanos(i), batch.capturedLength(i), batch.originalLength(i),
          batch.buffer(), batch.offset(i));
    }
  }

  /** Asks the capture to stop; {@link #run} returns once the frames already queued are delivered. Any thread. */
  public void stop() {
    stopRequested = true;
    try {
      handle.breakLoop(); // wakes a capture thread waiting in poll() on an idle device
    } catch (NotOpenException e) {
      // already closed: nothing to wake
    }
  }

  /** The counts so far (libpcap's drop counts as of the last refresh, at most {@value #TICK_MILLIS} ms old). */
  public CaptureStatistics statistics() {
    return new CaptureStatistics(queue.received(), queue.dropped(), droppedByKernel, droppedByInterface);
  }

  @Override
  public void close() {
    stop();
    if (!started || !captureThread.isAlive()) {
      handle.close();
    }
  }

  private void capture() {
    RawPacketListener listener = this::onFrame;
    long nextStats = 0;
    try {
      while (!stopRequested) {
        handle.dispatch(-1, listener);
        queue.flush();
        long now = System.nanoTime();
        if (now >= nextStats) {
          refreshKernelStatistics();
          nextStats = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        }
      }
    } catch (InterruptedException e) {
      // pcap_breakloop: stop() was called
    } catch (PcapNativeException | NotOpenException e) {
      captureFailure = e;
    } finally {
      try {
        refreshKernelStatistics();
      } catch (PcapNativeException | NotOpenException e) {
        // keep the last counts
      }
      finishQueue();
      handle.close();
    }
  }

  private void onFrame(byte[] frame) {
    long count = config.count();
    if (count != 0 && queue.accepted() >= count) {
      return; // frames libpcap had already read when the count was reached
    }
    Timestamp ts = handle.getTimestamp();
    long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
    queue.add(nanos, frame, frame.length, handle.getOriginalLength());
    if (count != 0 && queue.accepted() >= count) {
      stopRequested = true;
      try {
        handle.breakLoop();
      } catch (NotOpenException e) {
        // cannot happen on the capture thread, which closes the handle itself
      }
    }
  }

  private void refreshKernelStatistics() throws PcapNativeException, NotOpenException {
    PcapStat stat = handle.getStats();
    droppedByKernel = stat.getNumPacketsDropped();
    droppedByInterface = stat.getNumPacketsDroppedByIf();
  }

  private void finishQueue() {
    try {
      queue.finish();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
