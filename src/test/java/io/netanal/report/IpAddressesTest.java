package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressesTest {

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
  void shouldWriteIpv6InRfc5952Form(String hex, String expected) {
    String digits = hex.substring(2);
    long high = Long.parseUnsignedLong(digits.substring(0, 16), 16);
    long low = Long.parseUnsignedLong(digits.substring(16), 16);
    StringBuilder sb = new StringBuilder();
    IpAddresses.appendIpv6(high, low, sb);
    assertThat(sb).hasToString(expected);
  }

  @Test
  void shouldAgreeWithTheJdkOnRandomIpv6AddressesAfterParsing() throws Exception {
    Random random = new Random(5952);
    for (int i = 0; i < 2000; i++) {
      long high = random.nextLong() & (random.nextBoolean() ? 0xffff0000ffff0000L : -1L);
      long low = random.nextLong() & (random.nextBoolean() ? 0x0000ffff0000ffffL : 0L);
      StringBuilder sb = new StringBuilder();
      IpAddresses.appendIpv6(high, low, sb);
      byte[] expected = ByteBuffer.allocate(16).putLong(high).putLong(low).array();
      assertThat(InetAddress.getByName(sb.toString()).getAddress()).as(sb.toString()).isEqualTo(expected);
    }
  }

  @Test
  void shouldWriteIpv4AsDottedQuad() {
    StringBuilder sb = new StringBuilder();
    IpAddresses.appendIpv4(0xFFFFFFFF, sb);
    sb.append(' ');
    IpAddresses.appendIpv4(0x0A000001, sb);
    assertThat(sb).hasToString("255.255.255.255 10.0.0.1");
  }
}
