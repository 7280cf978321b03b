package io.netanal.capture;

import io.netanal.CaptureException;
import io.netanal.FilterSyntaxException;
import io.netanal.filter.BpfProgram;
import io.netanal.filter.FilterCompiler;
import io.netanal.frame.LinkType;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * Compiles BPF expressions with libpcap (through pcap4j, on a "dead" handle of the frames' link type) and hands
 * the instructions back as a plain {@link BpfProgram}, so files are filtered in Java with libpcap's own code.
 *
 * <p>Any thread: calls are serialized, because libpcap before 1.8 compiled with global parser state and pcap4j
 * does not guard it.
 */
public final class BpfCompiler implements FilterCompiler {
  private static final Object LOCK = new Object();

  /**
   * @throws FilterSyntaxException with libpcap's message and the expression when it does not compile
   * @throws CaptureException when libpcap is not installed
   */
  @Override
  public BpfProgram compile(String expression, int linkType, int snaplen) {
    if (snaplen <= 0) {
      throw new IllegalArgumentException("snaplen: " + snaplen + " (expected: > 0)");
    }
    synchronized (LOCK) {
      try {
        return compileNow(expression, linkType, snaplen);
      } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
        throw new CaptureException(Libpcap.MISSING, e);
      }
    }
  }

  /** Compiles for Ethernet: enough to tell whether an expression is valid BPF before any frame is read. */
  public BpfProgram compile(String expression) {
    return compile(expression, LinkType.ETHERNET, LinkType.MAX_SNAPLEN);
  }

  private static BpfProgram compileNow(String expression, int linkType, int snaplen) {
    PcapHandle handle;
    try {
      handle = Pcaps.openDead(DataLinkType.getInstance(dltOf(linkType)), snaplen);
    } catch (PcapNativeException e) {
      throw new CaptureException("libpcap: cannot open a handle for link type " + LinkType.name(linkType)
          + ": " + e.getMessage(), e);
    }
    try {
      org.pcap4j.core.BpfProgram compiled =
          handle.compileFilter(expression, BpfCompileMode.OPTIMIZE, PcapHandle.PCAP_NETMASK_UNKNOWN);
      try {
        return NativeBpfProgram.copy(compiled, expression, linkType);
      } finally {
        compiled.free();
      }
    } catch (PcapNativeException e) {
      throw new FilterSyntaxException("filter '" + expression + "': " + e.getMessage() + " (libpcap, link type "
          + LinkType.name(linkType) + ")");
    } catch (NotOpenException e) {
      throw new IllegalStateException("pcap handle closed while compiling", e);
    } finally {
      handle.close();
    }
  }

  /**
   * The DLT_ value libpcap's compiler knows for a LINKTYPE_ value: they are equal except where the DLT differs
   * between systems; raw IP is LINKTYPE 101 in files but DLT 12 (14 on OpenBSD) in libpcap's code generator.
   */
  static int dltOf(int linkType) {
    switch (linkType) {
      case LinkType.RAW:
      case LinkType.RAW_ALT_12:
      case LinkType.RAW_ALT_14:
        return DataLinkType.RAW.value();
      default:
        return linkType;
    }
  }

  /** Reads the instructions out of pcap4j's native {@code bpf_program}, which pcap4j keeps package-private. */
  static final class NativeBpfProgram {
    private static final Method GET_PROGRAM;

    static {
      try {
        GET_PROGRAM = org.pcap4j.core.BpfProgram.class.getDeclaredMethod("getProgram");
        GET_PROGRAM.setAccessible(true);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private NativeBpfProgram() {}

    static BpfProgram copy(org.pcap4j.core.BpfProgram compiled, String expression, int linkType) {
      Structure program;
      try {
        program = (Structure) GET_PROGRAM.invoke(compiled);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("pcap4j's BpfProgram.getProgram() failed", e);
      }
      program.read();
      int count = (Integer) program.readField("bf_len");
      Pointer instructions = ((Structure) program.readField("bf_insns")).getPointer();
      // struct bpf_insn { u_short code; u_char jt; u_char jf; bpf_u_int32 k; } in the host's byte order
      ByteBuffer bytes = ByteBuffer.wrap(instructions.getByteArray(0, count * 8)).order(ByteOrder.nativeOrder());
      int[] codes = new int[count];
      int[] jt = new int[count];
      int[] jf = new int[count];
      int[] k = new int[count];
      for (int i = 0; i < count; i++) {
        codes[i] = bytes.getShort(i * 8) & 0xFFFF;
        jt[i] = bytes.get(i * 8 + 2) & 0xFF;
        jf[i] = bytes.get(i * 8 + 3) & 0xFF;
        k[i] = bytes.getInt(i * 8 + 4);
      }
      return new BpfProgram(expression, linkType, codes, jt, jf, k);
    }
  }
}
