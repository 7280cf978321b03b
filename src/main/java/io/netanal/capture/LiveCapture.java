package io.netanal.capture;

import io.netanal.CaptureException;
import io.netanal.FilterSyntaxException;
import io.netanal.frame.FrameSink;
import java.util.List;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;

/**
 * A live capture on one device: opens it with pcap4j (privileges, libpcap, device, filter: every failure here is
 * the environment's or the filter's) and runs a {@link CaptureLoop} over it, which reads frames on a capture
 * thread and delivers them to a {@link FrameSink} on the thread that calls {@link #run}.
 *
 * <p>{@link #open} and {@link #run} are called by one thread; {@link #stop} and {@link #statistics} by any.
 */
public final class LiveCapture implements AutoCloseable {
  /** libpcap's read timeout: the longest a partly filled kernel buffer waits before it is delivered. */
  static final int READ_TIMEOUT_MILLIS = 100;

  private final CaptureConfig config;
  private final String device;
  private final int linkType;
  private final int snaplen;
  private final boolean nanoTimestamps;
  private final PcapFrameSource source;
  private final CaptureLoop loop;

  private LiveCapture(CaptureConfig config, String device, PcapHandle handle) throws NotOpenException {
    this.config = config;
    this.device = device;
    this.linkType = handle.getDlt().value();
    this.snaplen = handle.getSnapshot();
    this.nanoTimestamps = handle.getTimestampPrecision() == TimestampPrecision.NANO;
    this.source = new PcapFrameSource(handle, nanoTimestamps, snaplen);
    this.loop = new CaptureLoop(source, device, linkType,
        config.count(), config.durationMillis(), config.queueFrames(), snaplen);
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
    if (config.nanoTimestamps()) {
      try {
        return builder(device, config).timestampPrecision(TimestampPrecision.NANO).build();
      } catch (PcapNativeException nanoFailed) {
        // a libpcap or device without nanosecond timestamps: microseconds, as tcpdump falls back
      }
    }
    try {
      return builder(device, config).build();
    } catch (PcapNativeException e) {
      throw new CaptureException("cannot capture on " + device + ": " + e.getMessage(), e);
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

  /** True when frames are read with {@code pcap_next_ex} called directly, false for pcap4j's dispatch (tests). */
  boolean readsDirectly() {
    return source.readsDirectly();
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

  /** True when frames carry nanosecond timestamps, false for microseconds. */
  public boolean nanoTimestamps() {
    return nanoTimestamps;
  }

  /**
   * Captures until the frame count or duration of the config is reached or {@link #stop} is called, delivering
   * every kept frame to {@code sink} on the calling thread, and {@code tick} on the same thread at least every
   * {@value CaptureLoop#TICK_MILLIS} ms. Returns once the queue is drained, with the final counts; see
   * {@link CaptureLoop#run} for what a failure throws. {@link #statistics} keeps the counts after a failure.
   */
  public CaptureStatistics run(FrameSink sink, Runnable tick) {
    return loop.run(sink, tick);
  }

  /** Asks the capture to stop; {@link #run} returns once the frames already queued are delivered. Any thread. */
  public void stop() {
    loop.stop();
  }

  /** The counts so far (libpcap's drop counts at most {@value CaptureLoop#TICK_MILLIS} ms old). */
  public CaptureStatistics statistics() {
    return loop.statistics();
  }

  @Override
  public void close() {
    loop.stop();
    loop.closeUnstarted();
  }
}
