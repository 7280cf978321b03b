package io.netanal.decode;

import static io.netanal.decode.Fixtures.decode;
import static io.netanal.decode.Fixtures.ethernet;
import static io.netanal.decode.Fixtures.ipv4;
import static io.netanal.decode.Fixtures.ipv6;
import static io.netanal.decode.Fixtures.tcp;
import static io.netanal.decode.Fixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.frame.LinkType;
import org.junit.jupiter.api.Test;

class Ipv4DecoderTest {

  @Test
  void shouldSkipOptionsByIhl() {
    DecodedFrame out = decode(LinkType.IPV4,
        "46", // version 4, IHL 6
        "00", // DSCP/ECN
        "0020", // total length 32
        "0001", // identification
        "0000", // flags, fragment offset
        "40", // TTL
        "11", // protocol UDP
        "0000", // checksum
        "c0a80001", // source 192.168.0.1
        "c0a80002", // destination 192.168.0.2
        "94040000", // router alert option
        udp(53, 1234, 0)); // UDP, no payload
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.ipv4Source(0)).isEqualTo(0xc0a80001);
    assertThat(out.sourcePort()).isEqualTo(53);
  }

  @Test
  void shouldReportMalformedWhenIhlBelowFive() {
    DecodedFrame out = decode(LinkType.IPV4,
        "44", // version 4, IHL 4
        "00", // DSCP/ECN
        "0014", // total length 20
        "0001", // identification
        "0000", // flags, fragment offset
        "40", // TTL
        "06", // protocol TCP
        "0000", // checksum
        "0a000001", // source
        "0a000002"); // destination
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
    assertThat(out.has(Protocol.IP)).isTrue();
    assertThat(out.ipCount()).isZero();
  }

  @Test
  void shouldReportMalformedWhenVersionIsNotFour() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x0800), // EtherType IPv4
        "55000014000000004006000000000000000000000000"); // a header claiming version 5
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
    assertThat(out.has(Protocol.IP)).isTrue();
  }

  @Test
  void shouldDecodeVersionSixHeaderAsIpv6AsTsharkDoes() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x0800), // EtherType IPv4
        ipv6(17, 8), // but an IPv6 header, UDP
        udp(1, 2, 0)); // UDP
    assertThat(out.has(Protocol.IP)).isTrue();
    assertThat(out.has(Protocol.IPV6)).isTrue();
    assertThat(out.has(Protocol.UDP)).isTrue();
    assertThat(out.ipVersion(0)).isEqualTo(6);
  }

  @Test
  void shouldRecordLastAddressOfLooseSourceRouteAsDestination() {
    DecodedFrame out = decode(LinkType.IPV4,
        "48", // version 4, IHL 8: 12 bytes of options
        "00", // DSCP/ECN
        "0020", // total length 32
        "0001", // identification
        "0000", // flags, fragment offset
        "40", // TTL
        "01", // protocol ICMP
        "0000", // checksum
        "c0000201", // source 192.0.2.1
        "c0000202", // destination 192.0.2.2: the next hop
        "01", // option: no operation
        "83", // option: loose source route
        "0b", // option length 11
        "08", // pointer to the second address
        "c0a80101", // route: 192.168.1.1
        "c0a80102", // route: 192.168.1.2, the final destination
        "00"); // end of options
    assertThat(out.ipv4Source(0)).isEqualTo(0xc0000201);
    assertThat(out.ipv4Destination(0)).isEqualTo(0xc0a80102);
  }

  @Test
  void shouldCountTruncatedFrameWhenIpv4HeaderShorterThanIhl() {
    DecodedFrame out = decode(LinkType.IPV4,
        "4f", // version 4, IHL 15: 60 bytes
        "00", // DSCP/ECN
        "003c", // total length 60
        "0001", // identification
        "0000", // flags, fragment offset
        "40", // TTL
        "06", // protocol TCP
        "0000", // checksum
        "0a000001", // source
        "0a000002", // destination
        "01010101"); // 4 of 40 option bytes
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }

  @Test
  void shouldReportTruncatedWhenFixedHeaderCut() {
    DecodedFrame out = decode(LinkType.ETHERNET, ethernet(0x0800), "450000280001"); // 6 of 20 bytes
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
    assertThat(out.has(Protocol.IP)).isTrue();
  }

  @Test
  void shouldReportMalformedWhenTotalLengthBelowHeader() {
    DecodedFrame out = decode(LinkType.IPV4,
        "45", // version 4, IHL 5
        "00", // DSCP/ECN
        "0010", // total length 16 < 20
        "0001", // identification
        "0000", // flags, fragment offset
        "40", // TTL
        "06", // protocol TCP
        "0000", // checksum
        "0a000001", // source
        "0a000002"); // destination
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
  }

  @Test
  void shouldEndPayloadAtTotalLengthBeforeEthernetPadding() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x0800), // EtherType IPv4
        ipv4(6, 18), // total length 38: 2 bytes short of a TCP header
        tcp(1, 2, 0x10)); // TCP header whose last 2 bytes are past the total length
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
    assertThat(out.has(Protocol.TCP)).isTrue();
  }

  @Test
  void shouldTreatTotalLengthPastCaptureAsSnaplenCut() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x0800), // EtherType IPv4
        ipv4(6, 1400), // total length 1420, capture cut after the TCP header
        tcp(1, 80, 0x18)); // TCP PSH+ACK
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.destinationPort()).isEqualTo(80);
  }

  @Test
  void shouldReadToFrameEndWhenTotalLengthIsZero() {
    DecodedFrame out = decode(LinkType.IPV4,
        "45", // version 4, IHL 5
        "00", // DSCP/ECN
        "0000", // total length 0: segmentation offload
        "0001", // identification
        "0000", // flags, fragment offset
        "40", // TTL
        "06", // protocol TCP
        "0000", // checksum
        "0a000001", // source
        "0a000002", // destination
        tcp(1, 2, 0x10)); // TCP ACK
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.TCP)).isTrue();
  }

  @Test
  void shouldDecodeTransportOfFirstFragmentOnly() {
    DecodedFrame first = decode(LinkType.IPV4,
        "45", // version 4, IHL 5
        "00", // DSCP/ECN
        "001c", // total length 28
        "0001", // identification
        "2000", // flags MF, fragment offset 0
        "40", // TTL
        "11", // protocol UDP
        "0000", // checksum
        "0a000001", // source
        "0a000002", // destination
        udp(1000, 53, 3000)); // UDP header of a 3008-byte datagram
    DecodedFrame later = decode(LinkType.IPV4,
        "45", // version 4, IHL 5
        "00", // DSCP/ECN
        "001c", // total length 28
        "0001", // identification
        "00b9", // flags 0, fragment offset 185 (1480 bytes)
        "40", // TTL
        "11", // protocol UDP
        "0000", // checksum
        "0a000001", // source
        "0a000002", // destination
        "0102030405060708"); // datagram bytes, not a UDP header
    assertThat(first.has(Protocol.UDP)).isTrue();
    assertThat(first.destinationPort()).isEqualTo(53);
    assertThat(later.has(Protocol.UDP)).isFalse();
    assertThat(later.transportProtocol()).isEqualTo(DecodedFrame.NO_TRANSPORT);
    assertThat(later.ipCount()).isEqualTo(1);
    assertThat(later.status()).isEqualTo(DecodeStatus.OK);
  }

  @Test
  void shouldRecordBothLayersOfIpInIp() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(4, 28, "01010101", "02020202"), // outer IPv4 1.1.1.1 -> 2.2.2.2, protocol IP-in-IP
        ipv4(17, 8, "0a000001", "0a000002"), // inner IPv4 10.0.0.1 -> 10.0.0.2, UDP
        udp(7, 8, 0)); // UDP
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.ipCount()).isEqualTo(2);
    assertThat(out.ipv4Source(0)).isEqualTo(0x01010101);
    assertThat(out.ipv4Source(1)).isEqualTo(0x0a000001);
    assertThat(out.sourcePort()).isEqualTo(7);
  }

  @Test
  void shouldRecordOnlyThreeLayersOfDeeperTunnelsAndNoPortsPastThem() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(4, 68, "01010101", "02020202"), // outer IPv4, IP-in-IP
        ipv4(4, 48, "03030303", "04040404"), // second IPv4, IP-in-IP
        ipv4(4, 28, "05050505", "06060606"), // third IPv4, IP-in-IP
        ipv4(17, 8, "0a000001", "0a000002"), // inner IPv4, UDP
        udp(7, 8, 0)); // UDP
    assertThat(out.ipCount()).isEqualTo(DecodedFrame.MAX_IP_LAYERS).isEqualTo(3);
    assertThat(out.ipv4Source(2)).isEqualTo(0x05050505);
    // The UDP header belongs to the fourth, unrecorded layer: its ports must not pair with the third's addresses.
    assertThat(out.sourcePort()).isEqualTo(DecodedFrame.NONE);
    assertThat(out.transportLayer()).isEqualTo(DecodedFrame.NONE);
  }

  @Test
  void shouldMarkIgmpAndEsp() {
    DecodedFrame igmp = decode(LinkType.IPV4, ipv4(2, 8), "1600fa04e0000001"); // IGMPv2 report
    DecodedFrame esp = decode(LinkType.IPV4, ipv4(50, 8), "0000100100000001"); // ESP SPI, sequence
    assertThat(igmp.has(Protocol.IGMP)).isTrue();
    assertThat(esp.has(Protocol.ESP)).isTrue();
    assertThat(esp.transportProtocol()).isEqualTo(DecodedFrame.NO_TRANSPORT);
  }

  @Test
  void shouldFollowAuthenticationHeaderToTcp() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(51, 44), // IPv4, AH
        "06", // AH next header TCP
        "04", // AH payload length 4: (4 + 2) * 4 = 24 bytes
        "0000", // reserved
        "00001001", // SPI
        "00000001", // sequence number
        "000000000000000000000000", // ICV (12 bytes)
        tcp(1, 2, 0x02)); // TCP SYN
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.AH)).isTrue();
    assertThat(out.has(Protocol.TCP)).isTrue();
  }
}
