package io.netanal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CapturePrivilegesTest {
  private static final String HINT = "run with sudo, or grant it with "
      + "'sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))'";

  private static String status(String uid, String capEff) {
    return "Name:\tjava\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n"
        + (capEff == null ? "" : "CapInh:\t0000000000000000\nCapEff:\t" + capEff + "\n");
  }

  @Test
  void shouldAllowRootWithFullCapabilities() {
    assertThat(CapturePrivileges.problem(status("0", "000001ffffffffff"))).isNull();
  }

  @Test
  void shouldAllowAnyUserWithCapNetRaw() {
    assertThat(CapturePrivileges.problem(status("1000", "0000000000002000"))).isNull(); // bit 13 only
  }

  @Test
  void shouldRefuseAUserWithoutCapabilities() {
    assertThat(CapturePrivileges.problem(status("65534", "0000000000000000"))).isEqualTo(
        "capture needs root or CAP_NET_RAW (effective uid: 65534, CapEff: 0000000000000000, without cap_net_raw): "
            + HINT);
  }

  @Test
  void shouldRefuseRootWhoseCapNetRawWasDropped() {
    assertThat(CapturePrivileges.problem(status("0", "000001ffffffdfff"))).isEqualTo(
        "capture needs root or CAP_NET_RAW (effective uid: 0, CapEff: 000001ffffffdfff, without cap_net_raw): "
            + HINT);
  }

  @Test
  void shouldFallBackToTheUidWithoutACapabilityLine() {
    assertThat(CapturePrivileges.problem(status("0", null))).isNull();
    assertThat(CapturePrivileges.problem(status("1000", null)))
        .isEqualTo("capture needs root or CAP_NET_RAW (effective uid: 1000): " + HINT);
  }
}
