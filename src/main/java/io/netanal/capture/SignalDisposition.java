package io.netanal.capture;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Resets a signal's inherited disposition to the default through libc's {@code signal()} (JNA, which pcap4j
 * brings). Needed because a shell starts a background job ({@code netanal capture ... &} in a script, or under
 * {@code nohup}) with SIGINT ignored, and the JVM then refuses to handle it: {@code sun.misc.Signal.handle}
 * silently installs nothing for an ignored SIGINT or SIGTERM, and {@code kill -INT} would do nothing, where
 * tcpdump stops.
 *
 * <p>Stateless; any thread, though only {@link StopSignals} calls it, before it installs its handlers.
 */
final class SignalDisposition {
  /** Linux's numbers (also those of every BSD and macOS). */
  static final int SIGINT = 2;
  static final int SIGTERM = 15;

  private SignalDisposition() {}

  /** libc, as far as netanal needs it. */
  interface C extends Library {
    /** {@code sighandler_t signal(int signum, sighandler_t handler)}; a null handler is SIG_DFL. */
    Pointer signal(int signum, Pointer handler);
  }

  /**
   * Sets {@code signal} to its default action; false where libc cannot be reached (not a POSIX system), and the
   * JVM's own rules apply there.
   */
  static boolean resetToDefault(int signal) {
    C libc = Libc.INSTANCE;
    if (libc == null) {
      return false;
    }
    libc.signal(signal, null);
    return true;
  }

  /** Loads libc once, on first use; null when it cannot be loaded. */
  private static final class Libc {
    static final C INSTANCE = load();

    private static C load() {
      try {
        return Native.load("c", C.class);
      } catch (LinkageError | RuntimeException e) {
        return null;
      }
    }
  }
}
