package io.netanal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.CaptureException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureDevicesTest {
  private static CaptureDevice device(String name, boolean up, boolean running, boolean loopback) {
    return new CaptureDevice(name, null, List.of(), up, running, loopback, false);
  }

  @Test
  void shouldChooseTheFirstDeviceThatIsUpRunningAndNotLoopbackOrPseudo() {
    List<CaptureDevice> devices = List.of(device("lo", true, true, true), device("any", true, true, false),
        device("eth1", true, false, false), device("eth0", true, true, false), device("wlan0", true, true, false));

    assertThat(CaptureDevices.defaultDevice(devices)).isEqualTo("eth0");
  }

  @Test
  void shouldSaySoWhenNoDeviceIsUsable() {
    assertThatThrownBy(() -> CaptureDevices.defaultDevice(List.of(device("lo", true, true, true))))
        .isInstanceOf(CaptureException.class)
        .hasMessage("no capture device is up and running (found: lo): choose one with -i");
  }

  @Test
  void shouldListTheDevicesThatExistWhenTheNamedOneDoesNot() {
    List<CaptureDevice> devices = List.of(device("eth0", true, true, false), device("lo", true, true, true));

    assertThat(CaptureDevices.require("lo", devices)).isEqualTo("lo");
    assertThatThrownBy(() -> CaptureDevices.require("eth9", devices))
        .isInstanceOf(CaptureException.class)
        .hasMessage("no such capture device: eth9 (expected one of: eth0, lo)");
  }

  @Test
  void shouldCountNetmaskBitsAsThePrefixLength() {
    assertThat(CaptureDevices.prefixLength(new byte[] {(byte) 255, (byte) 255, (byte) 240, 0})).isEqualTo(20);
    assertThat(CaptureDevices.prefixLength(new byte[16])).isZero();
  }
}
