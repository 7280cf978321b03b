package io.netanal.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
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

  @Test
  void shouldWriteIpv4AsTheAppendFormDoesForEveryOctetValue() {
    Random random = new Random(7);
    for (int octet = 0; octet < 256; octet++) {
      for (int shift = 0; shift < 32; shift += 8) {
        int address = (random.nextInt() & ~(0xff << shift)) | (octet << shift);
        assertThat(AddressFormat.ipv4(address))
            .isEqualTo(AddressFormat.appendIpv4(address, new StringBuilder()).toString());
      }
    }
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

  @ParameterizedTest
  @CsvSource({
      "0x20010db8000000000000000000000001, 2001:db8::1",
      "0x00000000000000000000000000000000, ::",
      "0x00000000000000000000000000000001, ::1",
      "0x20010db8000000010000000000000000, 2001:db8:0:1::",
      "0x20010db8000000000001000000000001, 2001:db8::1:0:0:1",
      "0x20010db8000100000001000100010001, 2001:db8:1:0:1:1:1:1",
      "0xfe800000000000000202b3fffe1e8329, fe80::202:b3ff:fe1e:8329",
      "0x20010db8aaaabbbbccccddddeeeeffff, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff",
  })
  void shouldAppendIpv6InRfc5952Form(String hex, String expected) {
    String digits = hex.substring(2);
    long high = Long.parseUnsignedLong(digits.substring(0, 16), 16);
    long low = Long.parseUnsignedLong(digits.substring(16), 16);
    StringBuilder sb = new StringBuilder();
    AddressFormat.appendIpv6(high, low, sb);
    assertThat(sb).hasToString(expected);
  }

  @Test
  void shouldAgreeWithTheJdkOnRandomIpv6AddressesAfterParsing() throws Exception {
    Random random = new Random(5952);
    for (int i = 0; i < 2000; i++) {
      long high = random.nextLong() & (random.nextBoolean() ? 0xffff0000ffff0000L : -1L);
      long low = random.nextLong() & (random.nextBoolean() ? 0x0000ffff0000ffffL : 0L);
      StringBuilder sb = new StringBuilder();
      AddressFormat.appendIpv6(high, low, sb);
      byte[] expected = ByteBuffer.allocate(16).putLong(high).putLong(low).array();
      assertThat(InetAddress.getByName(sb.toString()).getAddress()).as(sb.toString()).isEqualTo(expected);
    }
  }

  @Test
  void shouldAppendIpv4AsDottedQuad() {
    StringBuilder sb = new StringBuilder();
    AddressFormat.appendIpv4(0xFFFFFFFF, sb);
    sb.append(' ');
    AddressFormat.appendIpv4(0x0A000001, sb);
    assertThat(sb).hasToString("255.255.255.255 10.0.0.1");
  }

  @Test
  void shouldWriteIpv4AsDottedQuadIncludingHighBitAddresses() {
    assertThat(AddressFormat.ipv4(0xC0000201)).isEqualTo("192.0.2.1");
    assertThat(AddressFormat.ipv4(0xFFFFFFFF)).isEqualTo("255.255.255.255");
  }

  @Test
  void shouldCompressTheLongestZeroRunPerRfc5952() {
    // 2001:db8:0:0:1:0:0:1: two runs of equal length, the first is compressed (section 4.2.3)
    assertThat(AddressFormat.ipv6(0x20010db800000000L, 0x0001000000000001L)).isEqualTo("2001:db8::1:0:0:1");
    // 2001:0:0:1:0:0:0:1: the longer run wins
    assertThat(AddressFormat.ipv6(0x2001000000000001L, 0x0000000000000001L)).isEqualTo("2001:0:0:1::1");
  }

  @Test
  void shouldNotCompressASingleZeroGroup() {
    assertThat(AddressFormat.ipv6(0x20010db800000001L, 0x0001000100010001L)).isEqualTo("2001:db8:0:1:1:1:1:1");
  }

  @Test
  void shouldWriteSpecialAddresses() {
    assertThat(AddressFormat.ipv6(0, 0)).isEqualTo("::");
    assertThat(AddressFormat.ipv6(0, 1)).isEqualTo("::1");
    assertThat(AddressFormat.ipv6(0xfe80000000000000L, 0x0211_22ff_fe33_4455L)).isEqualTo("fe80::211:22ff:fe33:4455");
    assertThat(AddressFormat.ipv6(0x20010db800000000L, 0)).isEqualTo("2001:db8::");
    assertThat(AddressFormat.ipv6(0, 0x0000ffffc0000201L)).isEqualTo("::ffff:192.0.2.1");
    assertThat(AddressFormat.ipv6(0xABCD00000000EF01L, 0x2345000000006789L)).isEqualTo("abcd::ef01:2345:0:0:6789");
  }

  @Test
  void shouldAppendEmbeddedIpv4FormsAsGlibcInetNtopDoes() {
    StringBuilder sb = new StringBuilder();
    AddressFormat.appendIpv6(0, 0x0000ffffc0000201L, sb).append(' ');
    AddressFormat.appendIpv6(0, 0x00000000c0000201L, sb).append(' ');
    AddressFormat.appendIpv6(0, 0x0000ffff00000000L, sb).append(' ');
    AddressFormat.appendIpv6(0, 0x0000000000010000L, sb);
    assertThat(sb).hasToString("::ffff:192.0.2.1 ::192.0.2.1 ::ffff:0.0.0.0 ::0.1.0.0");
  }
}
