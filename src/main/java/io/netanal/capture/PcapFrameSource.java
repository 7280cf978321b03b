package io.netanal.capture;

import java.io.IOException;
import java.sql.Timestamp;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;

/**
 * A {@link FrameSource} reading an open pcap4j handle: with {@code pcap_next_ex} called directly
 * ({@link PcapNextEx}) where it can, else with pcap4j's {@code pcap_dispatch}. The {@code pcap_next} loop that
 * lost frames in DESIGN.md's measurement was pcap4j's, which allocates per frame; called directly, with nothing
 * allocated, it costs the capture thread half what pcap4j's dispatch does. Why dispatch, where it is used: pcap4j's
 * raw-packet callback keeps up where a {@code pcap_next} loop lets the kernel drop most frames (DESIGN.md
 * section 3), and unlike {@code pcap_loop} it returns after each kernel buffer, so a partly filled batch is handed
 * over at once and the stop flag is checked even on an idle device (with the read timeout, and
 * {@code pcap_breakloop} waking the poll).
 *
 * <p>Threads as {@link FrameSource} says.
 */
final class PcapFrameSource implements FrameSource {
  /** A system property: "true" keeps pcap4j's dispatch even where libpcap can be called directly (tests). */
  static final String PCAP4J_DISPATCH = "netanal.capture.pcap4jDispatch";
  /** Frames one read hands over at most, so the capture thread sees its stop flag and flushes its batch. */
  static final int MAX_FRAMES_PER_READ = 4096;

  private final PcapHandle handle;
  private final PcapNextEx direct; // null: pcap4j's dispatch
  private final RawPacketListener listener = this::onFrame;
  private Receiver receiver;

  PcapFrameSource(PcapHandle handle, boolean nanoTimestamps, int snaplen) {
    this.handle = handle;
    this.direct = Boolean.getBoolean(PCAP4J_DISPATCH) ? null
        : PcapNextEx.attach(handle, nanoTimestamps, snaplen);
  }

  /** True when frames are read with {@code pcap_next_ex} called directly, false for pcap4j's dispatch. */
  boolean readsDirectly() {
    return direct != null;
  }

  @Override
  public void read(Receiver to) throws IOException {
    if (direct != null) {
      direct.read(to, MAX_FRAMES_PER_READ);
      return;
    }
    receiver = to;
    try {
      handle.dispatch(-1, listener);
    } catch (InterruptedException e) {
      // pcap_breakloop: wakeUp() was called; not a thread interrupt
    } catch (PcapNativeException | NotOpenException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private void onFrame(byte[] frame) {
    Timestamp ts = handle.getTimestamp();
    long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
    receiver.frame(nanos, frame, frame.length, handle.getOriginalLength());
  }

  @Override
  public void wakeUp() {
    try {
      handle.breakLoop();
    } catch (NotOpenException e) {
      // already closed: nothing to wake
    }
  }

  @Override
  public Drops drops() throws IOException {
    try {
      PcapStat stat = handle.getStats();
      return new Drops(stat.getNumPacketsDropped(), stat.getNumPacketsDroppedByIf());
    } catch (PcapNativeException | NotOpenException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    handle.close();
  }
}
