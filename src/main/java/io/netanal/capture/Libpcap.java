package io.netanal.capture;

import io.netanal.CaptureException;
import org.pcap4j.core.Pcaps;

/**
 * The native libpcap library behind pcap4j: loads it once and turns its absence into a message naming the
 * package that provides it, instead of a {@link LinkageError} from deep inside JNA.
 *
 * <p>Stateless apart from the JVM's class loading; any thread.
 */
public final class Libpcap {
  static final String MISSING = "libpcap not found: install libpcap0.8 (Debian/Ubuntu) or libpcap (Fedora/RHEL)";

  private Libpcap() {}

  /** libpcap's version string; throws {@link CaptureException} when the library cannot be loaded. */
  public static String version() {
    try {
      return Pcaps.libVersion();
    } catch (LinkageError e) {
      // UnsatisfiedLinkError when the library is absent, NoClassDefFoundError on every later attempt.
      throw new CaptureException(MISSING, e);
    }
  }
}
