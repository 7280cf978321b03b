package io.netanal.decode;

import static io.netanal.decode.Fixtures.decode;
import static io.netanal.decode.Fixtures.ipv6;
import static io.netanal.decode.Fixtures.tcp;
import static io.netanal.decode.Fixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.frame.LinkType;
import org.junit.jupiter.api.Test;

class Ipv6DecoderTest {

  @Test
  void shouldWalkHopByHopRoutingAndDestinationOptionsToTcp() {
    DecodedFrame out = decode(LinkType.IPV6,
        ipv6(0, 8 + 24 + 8 + 20), // IPv6, next header hop-by-hop
        "2b", // hop-by-hop: next header routing
        "00", // length 0: 8 bytes
        "050200000100", // router alert option, PadN
        "3c", // routing: next header destination options
        "02", // length 2: 24 bytes
        "00", // routing type 0
        "01", // segments left
        "00000000", // reserved
        "20010db8000000000000000000000003", // one address
        "06", // destination options: next header TCP
        "00", // length 0: 8 bytes
        "010400000000", // PadN
        tcp(1, 443, 0x02)); // TCP SYN
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.IPV6_HOPOPTS)).isTrue();
    assertThat(out.has(Protocol.IPV6_ROUTING)).isTrue();
    assertThat(out.has(Protocol.IPV6_DSTOPTS)).isTrue();
    assertThat(out.has(Protocol.TCP)).isTrue();
    assertThat(out.destinationPort()).isEqualTo(443);
  }

  @Test
  void shouldDecodeTransportOfFirstFragmentOnly() {
    DecodedFrame first = decode(LinkType.IPV6,
        ipv6(44, 16), // IPv6, next header fragment
        "11", // fragment: next header UDP
        "00", // reserved
        "0001", // offset 0, M flag set
        "0000abcd", // identification
        udp(5000, 53, 2000)); // UDP header of a longer datagram
    DecodedFrame later = decode(LinkType.IPV6,
        ipv6(44, 16), // IPv6, next header fragment
        "11", // fragment: next header UDP
        "00", // reserved
        "05a8", // offset 181 (1448 bytes), M flag clear
        "0000abcd", // identification
        "0102030405060708"); // datagram bytes
    assertThat(first.has(Protocol.IPV6_FRAGHDR)).isTrue();
    assertThat(first.has(Protocol.UDP)).isTrue();
    assertThat(first.destinationPort()).isEqualTo(53);
    assertThat(later.has(Protocol.IPV6_FRAGHDR)).isTrue();
    assertThat(later.has(Protocol.UDP)).isFalse();
    assertThat(later.status()).isEqualTo(DecodeStatus.OK);
  }

  @Test
  void shouldReportMalformedWhenPayloadLengthIsShorterThanTheExtensionChain() {
    DecodedFrame out = decode(LinkType.IPV6,
        ipv6(0, 4), // IPv6, hop-by-hop, payload length 4 (a lie: the header is 8)
        "11", // hop-by-hop: next header UDP
        "00", // length 0: 8 bytes
        "010400000000", // PadN
        udp(1, 2, 0)); // UDP
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
    assertThat(out.has(Protocol.UDP)).isFalse();
  }

  @Test
  void shouldReportMalformedWhenPayloadLengthIsShorterThanTcpHeader() {
    DecodedFrame out = decode(LinkType.IPV6,
        ipv6(6, 10), // IPv6, TCP, payload length 10 (a lie)
        tcp(1, 2, 0x10)); // TCP ACK, 20 bytes
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
    assertThat(out.has(Protocol.TCP)).isTrue();
  }

  @Test
  void shouldReportTruncatedWhenExtensionHeaderCutByCapture() {
    DecodedFrame out = decode(LinkType.IPV6,
        ipv6(60, 24), // IPv6, destination options
        "06", // next header TCP
        "02", // length 2: 24 bytes
        "0104000000000000"); // 10 of 24 bytes captured
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }

  @Test
  void shouldReportTruncatedWhenFixedHeaderCut() {
    DecodedFrame out = decode(LinkType.IPV6, "6000000000081140"); // 8 of 40 bytes
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
    assertThat(out.ipCount()).isZero();
  }

  @Test
  void shouldReportMalformedWhenVersionIsNotSix() {
    DecodedFrame out = decode(LinkType.IPV6,
        "4" + ipv6(17, 8).substring(1), // a 40-byte header claiming version 4
        udp(1, 2, 0)); // UDP
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
  }

  @Test
  void shouldStopAtEspAndNoNextHeader() {
    DecodedFrame esp = decode(LinkType.IPV6, ipv6(50, 8), "0000100100000001"); // ESP SPI, sequence
    DecodedFrame none = decode(LinkType.IPV6, ipv6(59, 0)); // no next header
    assertThat(esp.has(Protocol.ESP)).isTrue();
    assertThat(esp.status()).isEqualTo(DecodeStatus.OK);
    assertThat(none.protocols()).isEqualTo(1L << Protocol.IPV6);
    assertThat(none.status()).isEqualTo(DecodeStatus.OK);
  }

  @Test
  void shouldRecordBothLayersOfIpv6InIpv4() {
    DecodedFrame out = decode(LinkType.IPV4,
        Fixtures.ipv4(41, 48), // IPv4 6in4 tunnel
        ipv6(17, 8), // IPv6, UDP
        udp(1, 2, 0)); // UDP
    assertThat(out.ipCount()).isEqualTo(2);
    assertThat(out.ipVersion(0)).isEqualTo(4);
    assertThat(out.ipVersion(1)).isEqualTo(6);
    assertThat(out.has(Protocol.IP) && out.has(Protocol.IPV6)).isTrue();
  }
}
