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

class GreDecoderTest {

  @Test
  void shouldDecodeGreToInnerIpv4AndRecordBothLayers() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x0800), // EtherType IPv4
        ipv4(47, 4 + 40, "01010101", "02020202"), // outer IPv4, GRE
        "0000", // GRE flags none, version 0
        "0800", // protocol IPv4
        ipv4(6, 20, "0a000001", "0a000002"), // inner IPv4, TCP
        tcp(1, 2, 0x02)); // TCP SYN
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.GRE)).isTrue();
    assertThat(out.ipCount()).isEqualTo(2);
    assertThat(out.ipv4Source(0)).isEqualTo(0x01010101);
    assertThat(out.ipv4Source(1)).isEqualTo(0x0a000001);
    assertThat(out.transportProtocol()).isEqualTo(6);
  }

  @Test
  void shouldDecodeCiscoHdlcFramedPppInsideGreAsTsharkDoes() {
    // tshark 4.0: frame.protocols eth:ethertype:ip:gre:ppp:chdlc:ip:tcp
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x0800), // EtherType IPv4
        ipv4(47, 4 + 4 + 40, "01010101", "02020202"), // outer IPv4, GRE
        "0000", // GRE flags none, version 0
        "880b", // protocol PPP
        "0f00", // Cisco HDLC address (unicast), control
        "0800", // protocol IPv4
        ipv4(6, 20, "0a000001", "0a000002"), // inner IPv4, TCP
        tcp(1, 2, 0x02)); // TCP SYN
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.PPP) && out.has(Protocol.CHDLC)).isTrue();
    assertThat(out.ipCount()).isEqualTo(2);
    assertThat(out.ipv4Source(1)).isEqualTo(0x0a000001);
    assertThat(out.transportProtocol()).isEqualTo(6);
  }

  @Test
  void shouldStopAtGreForAPptpAcknowledgmentWithoutPayload() {
    // pcapplusplus/GrePackets.pcap frame 2; tshark 4.0: frame.protocols eth:ethertype:ip:gre
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(47, 12), // IPv4, GRE
        "2081", // flags K, A; version 1 (enhanced GRE)
        "880b", // protocol PPP
        "0000", // payload length 0
        "0006", // call id 6
        "0000001a"); // acknowledgment number 26
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.GRE)).isTrue();
    assertThat(out.has(Protocol.PPP)).isFalse();
  }

  @Test
  void shouldSkipChecksumKeyAndSequence() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(47, 16 + 48), // IPv4, GRE
        "b000", // GRE flags C, K, S, version 0
        "86dd", // protocol IPv6
        "00000000", // checksum, reserved
        "0000002a", // key
        "00000001", // sequence number
        ipv6(17, 8), // inner IPv6, UDP
        udp(1, 2, 0)); // UDP
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.IPV6)).isTrue();
    assertThat(out.has(Protocol.UDP)).isTrue();
  }

  @Test
  void shouldDecodeTransparentEthernetBridging() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(47, 4 + 14 + 28), // IPv4, GRE
        "0000", // GRE flags none, version 0
        "6558", // protocol transparent Ethernet bridging
        ethernet(0x0800), // inner Ethernet, IPv4
        ipv4(17, 8), // inner IPv4, UDP
        udp(1, 2, 0)); // UDP
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.ETH)).isTrue();
    assertThat(out.ipCount()).isEqualTo(2);
  }

  @Test
  void shouldDecodeEnhancedGreOfPptpToPpp() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(47, 16 + 4 + 28), // IPv4, GRE
        "3081", // GRE flags K, S, A, version 1
        "880b", // protocol PPP
        "001c0001", // payload length, call id
        "00000001", // sequence number
        "00000000", // acknowledgment number
        "ff03", // PPP address, control
        "0021", // PPP protocol IPv4
        ipv4(17, 8), // inner IPv4, UDP
        udp(1, 2, 0)); // UDP
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.PPP)).isTrue();
    assertThat(out.has(Protocol.UDP)).isTrue();
  }

  @Test
  void shouldReportMalformedGreVersion() {
    DecodedFrame out = decode(LinkType.IPV4, ipv4(47, 4),
        "0002", // GRE version 2
        "0800"); // protocol IPv4
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
  }

  @Test
  void shouldReportTruncatedGreOptions() {
    DecodedFrame out = decode(LinkType.IPV4, ipv4(47, 8),
        "2000", // GRE flag K
        "0800", // protocol IPv4
        "0000"); // half a key
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }
}
