package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.capture.CaptureDevice;
import io.netanal.testing.TestData;
import io.netanal.capture.Libpcap;
import io.netanal.CaptureException;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterfacesCommandTest {

  @Test
  void shouldFormatADeviceLikeTcpdumpWithDescriptionAndFlags() {
    CaptureDevice eth = new CaptureDevice("eth0", "Ethernet", List.of("192.0.2.1/24"), true, true, false, false);
    CaptureDevice lo = new CaptureDevice("lo", null, List.of(), true, true, true, false);

    assertThat(InterfacesCommand.line(1, eth)).isEqualTo("1.eth0 (Ethernet) [up, running]");
    assertThat(InterfacesCommand.line(2, lo)).isEqualTo("2.lo [up, running, loopback]");
  }

  @Test
  void shouldListTheLoopbackDeviceWithItsAddress() {
    String missing = null;
    try {
      Libpcap.version();
    } catch (CaptureException e) {
      missing = e.getMessage();
    }
    TestData.require(missing == null, "interfaces needs libpcap: " + missing);
    CommandRunner runner = CommandRunner.netanal();

    assertThat(runner.run("interfaces")).isZero();
    assertThat(runner.out.toString()).containsPattern("(?m)^\\d+\\.lo .*\\[up, running, loopback\\]$")
        .containsPattern("(?m)^    127\\.0\\.0\\.1/8");
  }

  @Test
  void shouldListTheSameDevicesWithCaptureDashDAsTcpdumpDoes() {
    String missing = null;
    try {
      Libpcap.version();
    } catch (CaptureException e) {
      missing = e.getMessage();
    }
    TestData.require(missing == null, "capture -D needs libpcap: " + missing);
    CommandRunner interfaces = CommandRunner.netanal();
    CommandRunner captureD = CommandRunner.netanal();

    assertThat(interfaces.run("interfaces")).isZero();
    assertThat(captureD.run("capture", "-D")).isZero();
    assertThat(captureD.out.toString()).isEqualTo(interfaces.out.toString()).contains(".lo ");
    assertThat(captureD.err.toString()).isEmpty();
  }
}
