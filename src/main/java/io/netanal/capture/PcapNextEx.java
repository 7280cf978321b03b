package io.netanal.capture;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.reflect.Field;
import org.pcap4j.core.PcapHandle;

/**
 * Reads frames from an open pcap4j handle with libpcap's {@code pcap_next_ex}, called directly (JNA direct
 * mapping), copying each frame into one reused array: no callback from native code, no array, timestamp or task
 * per frame, which is what pcap4j's {@code dispatch} costs the capture thread per frame (about half its time at
 * a million frames). The handle is switched to non-blocking mode while frames are waiting, so a read returns as
 * soon as the kernel buffer is empty and a partly filled batch is handed over at once, and to blocking mode
 * (libpcap's read timeout, {@code pcap_breakloop}) when there are none.
 *
 * <p>{@link #attach} returns null where this is not possible (a pcap4j without the handle's pointer where it is
 * expected, a libpcap not found by name): the caller keeps pcap4j's own path. Owned by the capture thread.
 */
final class PcapNextEx {
  /** {@code pcap_next_ex}: a frame, none before the timeout / none now (non-blocking), an error, a break. */
  private static final int FRAME = 1;
  private static final int NONE = 0;
  private static final int BREAK = -2;
  private static final int ERRBUF_SIZE = 256;
  /** struct pcap_pkthdr: struct timeval ts (two C longs), bpf_u_int32 caplen, bpf_u_int32 len. */
  private static final int CAPLEN_OFFSET = 2 * Native.LONG_SIZE;
  private static final int LEN_OFFSET = CAPLEN_OFFSET + 4;

  private final Pointer pcap;
  private final boolean nanoTimestamps;
  private final Memory out = new Memory(2L * Native.POINTER_SIZE); // the header and data out-pointers
  private final Pointer headerOut = out.share(0);
  private final Pointer dataOut = out.share(Native.POINTER_SIZE);
  private final Memory errbuf = new Memory(ERRBUF_SIZE);
  // Views re-aimed at each frame's header and data (Pointer.nativeValue), so a frame allocates no Pointer.
  private final Pointer header = new Pointer(0);
  private final Pointer data = new Pointer(0);
  private final byte[] frame;
  private boolean blocking = true; // as pcap4j opened it

  private PcapNextEx(Pointer pcap, boolean nanoTimestamps, int snaplen) {
    this.pcap = pcap;
    this.nanoTimestamps = nanoTimestamps;
    this.frame = new byte[snaplen];
  }

  /** A reader of {@code handle}, or null when libpcap cannot be reached directly (see the class comment). */
  static PcapNextEx attach(PcapHandle handle, boolean nanoTimestamps, int snaplen) {
    if (!Functions.AVAILABLE) {
      return null;
    }
    try {
      Field field = PcapHandle.class.getDeclaredField("handle");
      field.setAccessible(true);
      Object pointer = field.get(handle);
      return pointer instanceof Pointer p ? new PcapNextEx(p, nanoTimestamps, snaplen) : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Hands the frames waiting now to {@code receiver}, at most {@code max}; with none waiting, waits for the
   * first until libpcap's read timeout or {@code pcap_breakloop}. Throws when libpcap reports an error.
   */
  void read(FrameSource.Receiver receiver, int max) throws IOException {
    int delivered = 0;
    boolean waitForOne = false;
    while (delivered < max) {
      block(waitForOne);
      int result = Functions.pcap_next_ex(pcap, headerOut, dataOut);
      if (result == FRAME) {
        deliver(receiver);
        delivered++;
        waitForOne = false;
      } else if (result == NONE) {
        if (delivered > 0 || waitForOne) {
          return; // the kernel buffer is empty for now (or the read timeout passed): hand over what there is
        }
        waitForOne = true;
      } else if (result == BREAK) {
        return;
      } else {
        throw new IOException(Functions.pcap_geterr(pcap).getString(0));
      }
    }
  }

  private void deliver(FrameSource.Receiver receiver) {
    Pointer.nativeValue(header, address(0));
    Pointer.nativeValue(data, address(Native.POINTER_SIZE));
    long seconds = Native.LONG_SIZE == 8 ? header.getLong(0) : header.getInt(0);
    long fraction = Native.LONG_SIZE == 8 ? header.getLong(Native.LONG_SIZE) : header.getInt(Native.LONG_SIZE);
    int captured = Math.min(header.getInt(CAPLEN_OFFSET), frame.length); // never above the snaplen; guarded
    int original = header.getInt(LEN_OFFSET);
    data.read(0, frame, 0, captured);
    long nanos = seconds * 1_000_000_000L + (nanoTimestamps ? fraction : fraction * 1000L);
    receiver.frame(nanos, frame, captured, original);
  }

  /** The out-pointer pcap_next_ex stored at {@code offset} of {@link #out}. */
  private long address(long offset) {
    return Native.POINTER_SIZE == 8 ? out.getLong(offset) : out.getInt(offset) & 0xffff_ffffL;
  }

  private void block(boolean wait) throws IOException {
    if (blocking == wait) {
      return;
    }
    if (Functions.pcap_setnonblock(pcap, wait ? 0 : 1, errbuf) != 0) {
      throw new IOException(errbuf.getString(0));
    }
    blocking = wait;
  }

  /** libpcap's functions, bound once; {@link #AVAILABLE} false when libpcap could not be bound. */
  private static final class Functions {
    static final boolean AVAILABLE = register();

    static native int pcap_next_ex(Pointer pcap, Pointer header, Pointer data);

    static native int pcap_setnonblock(Pointer pcap, int nonblock, Pointer errbuf);

    static native Pointer pcap_geterr(Pointer pcap);

    private static boolean register() {
      try {
        // the library pcap4j loads, by the same name and property
        String name = System.getProperty("org.pcap4j.core.pcapLibName", Platform.isWindows() ? "wpcap" : "pcap");
        Native.register(Functions.class, NativeLibrary.getInstance(name));
        return true;
      } catch (LinkageError | RuntimeException e) {
        return false;
      }
    }
  }
}
