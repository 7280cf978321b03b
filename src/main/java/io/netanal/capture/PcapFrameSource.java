package io.netanal.capture;

import java.io.IOException;
import java.sql.Timestamp;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;

/**
 * A {@link FrameSource} reading an open pcap4j handle with {@code pcap_dispatch}. Why dispatch: pcap4j's
 * raw-packet callback keeps up where a {@code pcap_next} loop lets the kernel drop most frames (DESIGN.md
 * section 3), and unlike {@code pcap_loop} it returns after each kernel buffer, so a partly filled batch is handed
 * over at once and the stop flag is checked even on an idle device (with the read timeout, and
 * {@code pcap_breakloop} waking the poll).
 *
 * <p>Threads as {@link FrameSource} says.
 */
final class PcapFrameSource implements FrameSource {
  private final PcapHandle handle;
  private final RawPacketListener listener = this::onFrame;
  private Receiver receiver;

  PcapFrameSource(PcapHandle handle) {
    this.handle = handle;
  }

  @Override
  public void read(Receiver to) throws IOException {
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
