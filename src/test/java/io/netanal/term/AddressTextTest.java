package io.netanal.term;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressTextTest {

  @Test
  void shouldWriteIpv4AsDottedQuadIncludingHighBitAddresses() {
    assertThat(AddressText.ipv4(0xC0000201)).isEqualTo("192.0.2.1");
    assertThat(AddressText.ipv4(0xFFFFFFFF)).isEqualTo("255.255.255.255");
  }

  @Test
  void shouldCompressTheLongestZeroRunPerRfc5952() {
    // 2001:db8:0:0:1:0:0:1: two runs of equal length, the first is compressed (section 4.2.3)
    assertThat(AddressText.ipv6(0x20010db800000000L, 0x0001000000000001L)).isEqualTo("2001:db8::1:0:0:1");
    // 2001:0:0:1:0:0:0:1: the longer run wins
    assertThat(AddressText.ipv6(0x2001000000000001L, 0x0000000000000001L)).isEqualTo("2001:0:0:1::1");
  }

  @Test
  void shouldNotCompressASingleZeroGroup() {
    assertThat(AddressText.ipv6(0x20010db800000001L, 0x0001000100010001L)).isEqualTo("2001:db8:0:1:1:1:1:1");
  }

  @Test
  void shouldWriteSpecialAddresses() {
    assertThat(AddressText.ipv6(0, 0)).isEqualTo("::");
    assertThat(AddressText.ipv6(0, 1)).isEqualTo("::1");
    assertThat(AddressText.ipv6(0xfe80000000000000L, 0x0211_22ff_fe33_4455L)).isEqualTo("fe80::211:22ff:fe33:4455");
    assertThat(AddressText.ipv6(0x20010db800000000L, 0)).isEqualTo("2001:db8::");
    assertThat(AddressText.ipv6(0, 0x0000ffffc0000201L)).isEqualTo("::ffff:192.0.2.1");
    assertThat(AddressText.ipv6(0xABCD00000000EF01L, 0x2345000000006789L)).isEqualTo("abcd::ef01:2345:0:0:6789");
  }
}
