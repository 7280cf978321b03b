package io.netanal.testing;

import io.netanal.CaptureException;
import io.netanal.capture.CaptureDevices;
import io.netanal.capture.CapturePrivileges;

/**
 * Live-capture prerequisites for tests: root or CAP_NET_RAW, libpcap, and the loopback device {@code lo}. Skips
 * the test when one is missing, or fails it under -Dnetanal.requireAllTests=true (CI has them all).
 */
public final class LiveCaptureSupport {
  public static final String LOOPBACK = "lo";

  private LiveCaptureSupport() {}

  public static void requireLiveCapture() {
    String missing = null;
    try {
      CapturePrivileges.require();
      CaptureDevices.require(LOOPBACK, CaptureDevices.list());
    } catch (CaptureException e) {
      missing = e.getMessage();
    }
    TestData.require(missing == null, "live capture on " + LOOPBACK + " not possible here: " + missing);
  }
}
