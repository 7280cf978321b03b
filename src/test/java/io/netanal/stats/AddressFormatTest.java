package io.netanal.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressFormatTest {

  @ParameterizedTest
  @CsvSource({
      "0x00000000, 0.0.0.0",
      "0x0a000001, 10.0.0.1",
      "0xc0a80101, 192.168.1.1",
      "0xffffffff, 255.255.255.255",
      "0x80000000, 128.0.0.0"})
  void shouldFormatIpv4AsDottedQuad(String bits, String expected) {
    assertThat(AddressFormat.ipv4(Integer.parseUnsignedInt(bits.substring(2), 16))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      // RFC 5952 section 4.1: no leading zeros.
      "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
      "2001:0db8:00aa:0000:0000:0000:0000:0001, 2001:db8:aa::1",
      // 4.2.1: the longest run is shortened as far as possible.
      "2001:0db8:0000:0000:0000:0000:0002:0001, 2001:db8::2:1",
      // 4.2.2: a single zero group is not shortened.
      "2001:0db8:0000:0001:0001:0001:0001:0001, 2001:db8:0:1:1:1:1:1",
      // 4.2.3: the longest run wins; on a tie, the first one.
      "2001:0000:0000:0001:0000:0000:0000:0001, 2001:0:0:1::1",
      "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
      // 4.3: lowercase.
      "2001:0DB8:0000:0000:0000:0000:0000:ABCD, 2001:db8::abcd",
      // Edges: all zeros, loopback, run at the end.
      "0000:0000:0000:0000:0000:0000:0000:0000, ::",
      "0000:0000:0000:0000:0000:0000:0000:0001, ::1",
      "fe80:0000:0000:0000:0000:0000:0000:0000, fe80::",
      "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
      "2000:0000:0000:0040:0000:0000:0000:0000, 2000:0:0:40::",
      // 5: IPv4-mapped, and the deprecated IPv4-compatible form glibc's inet_ntop still writes.
      "0000:0000:0000:0000:0000:ffff:0102:0304, ::ffff:1.2.3.4",
      "0000:0000:0000:0000:0000:0000:0102:0304, ::1.2.3.4"})
  void shouldFormatIpv6AsRfc5952(String full, String expected) {
    String hex = full.replace(":", "");
    long high = Long.parseUnsignedLong(hex.substring(0, 16), 16);
    long low = Long.parseUnsignedLong(hex.substring(16), 16);
    assertThat(AddressFormat.ipv6(high, low)).isEqualTo(expected);
  }
}
