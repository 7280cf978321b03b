package io.netanal.decode;

import static io.netanal.decode.Fixtures.decode;
import static io.netanal.decode.Fixtures.dnsQuery;
import static io.netanal.decode.Fixtures.ipv4;
import static io.netanal.decode.Fixtures.ipv6;
import static io.netanal.decode.Fixtures.length;
import static io.netanal.decode.Fixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.frame.LinkType;
import org.junit.jupiter.api.Test;

class IcmpDecoderTest {

  @Test
  void shouldDecodeEchoRequestWithoutQuote() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(1, 12), // IPv4, ICMP
        "08", // type echo request
        "00", // code
        "0000", // checksum
        "0001", // identifier
        "0001", // sequence
        "61626364"); // data
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.protocols()).isEqualTo((1L << Protocol.IP) | (1L << Protocol.ICMP));
    assertThat(out.transportProtocol()).isEqualTo(DecodedFrame.NO_TRANSPORT);
  }

  @Test
  void shouldMarkQuotedProtocolsOfPortUnreachableButRecordOnlyOuterLayer() {
    String quote = ipv4(17, 8 + 19, "0a000002", "0a000001") // quoted IPv4 10.0.0.2 -> 10.0.0.1, UDP
        + udp(53, 40000, 19) // quoted UDP from port 53
        + dnsQuery(); // quoted DNS message
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(1, 8 + length(quote), "0a000001", "0a000002"), // IPv4 10.0.0.1 -> 10.0.0.2, ICMP
        "03", // type destination unreachable
        "03", // code port unreachable
        "0000", // checksum
        "00000000", // unused
        quote); // the offending packet
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.ICMP)).isTrue();
    assertThat(out.has(Protocol.UDP)).isTrue();
    assertThat(out.has(Protocol.DNS)).isTrue();
    assertThat(out.ipCount()).isEqualTo(1);
    assertThat(out.ipv4Source(0)).isEqualTo(0x0a000001);
    assertThat(out.transportProtocol()).isEqualTo(DecodedFrame.NO_TRANSPORT);
    assertThat(out.sourcePort()).isEqualTo(DecodedFrame.NONE);
  }

  @Test
  void shouldNotFailOnQuoteCutAfterEightBytes() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(1, 8 + 28), // IPv4, ICMP
        "0b", // type time exceeded
        "00", // code TTL exceeded in transit
        "0000", // checksum
        "00000000", // unused
        ipv4(6, 20), // quoted IPv4, TCP
        "0001000200000001"); // first 8 bytes of the quoted TCP header
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.TCP)).isTrue();
    assertThat(out.transportProtocol()).isEqualTo(DecodedFrame.NO_TRANSPORT);
  }

  @Test
  void shouldMarkQuotedIpv6OfIcmpv6PacketTooBig() {
    DecodedFrame out = decode(LinkType.IPV6,
        ipv6(58, 8 + 48), // IPv6, ICMPv6
        "02", // type packet too big
        "00", // code
        "0000", // checksum
        "000005dc", // MTU 1500
        ipv6(17, 1400), // quoted IPv6, UDP
        udp(1, 2, 1392)); // quoted UDP header
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.ICMPV6)).isTrue();
    assertThat(out.has(Protocol.UDP)).isTrue();
    assertThat(out.ipCount()).isEqualTo(1);
  }

  @Test
  void shouldReportTruncatedIcmpHeader() {
    DecodedFrame out = decode(LinkType.IPV4, ipv4(1, 8), "08"); // 1 of 4 bytes
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
    DecodedFrame v6 = decode(LinkType.IPV6, ipv6(58, 8), "87"); // 1 of 4 bytes
    assertThat(v6.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }
}
