package io.netanal.capture;

import io.netanal.CaptureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any native call, that this process may open a capture socket: on Linux that takes
 * {@code CAP_NET_RAW} in the effective capability set, which root normally has and which {@code setcap} can grant
 * to the Java binary. Without it libpcap would fail later with a less helpful "Operation not permitted".
 *
 * <p>Stateless; any thread.
 */
public final class CapturePrivileges {
  static final int CAP_NET_RAW = 13;
  static final String GRANT_HINT = "run with sudo, or grant it with "
      + "'sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))'";

  private static final Path PROC_STATUS = Path.of("/proc/self/status");

  private CapturePrivileges() {}

  /** Throws {@link CaptureException} when this process cannot capture; does nothing where /proc is absent. */
  public static void require() {
    String status;
    try {
      status = Files.readString(PROC_STATUS);
    } catch (IOException | SecurityException e) {
      return; // not Linux: libpcap's own error will have to do
    }
    String problem = problem(status);
    if (problem != null) {
      throw new CaptureException(problem);
    }
  }

  /** The message saying what is missing, or null when {@code procStatus} (a /proc/PID/status text) may capture. */
  static String problem(String procStatus) {
    String capEff = field(procStatus, "CapEff:");
    String uid = field(procStatus, "Uid:");
    String effectiveUid = uid == null ? null : uid.split("\\s+")[1];
    if (capEff == null) {
      // No capability line: only root is known to be allowed.
      return "0".equals(effectiveUid) ? null
          : "capture needs root or CAP_NET_RAW (effective uid: " + effectiveUid + "): " + GRANT_HINT;
    }
    long capabilities = Long.parseUnsignedLong(capEff, 16);
    if ((capabilities & (1L << CAP_NET_RAW)) != 0) {
      return null;
    }
    return "capture needs root or CAP_NET_RAW (effective uid: " + effectiveUid + ", CapEff: " + capEff
        + ", without cap_net_raw): " + GRANT_HINT;
  }

  private static String field(String status, String name) {
    for (String line : status.split("\n")) {
      if (line.startsWith(name)) {
        return line.substring(name.length()).trim();
      }
    }
    return null;
  }
}
