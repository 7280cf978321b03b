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

class EthernetDecoderTest {

  @Test
  void shouldDecodeEthernetIpv4Tcp() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x0800), // EtherType IPv4
        ipv4(6, 20), // IPv4 10.0.0.1 -> 10.0.0.2, TCP
        tcp(40000, 9999, 0x12)); // TCP SYN+ACK
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.ETH)).isTrue();
    assertThat(out.has(Protocol.ETHERTYPE)).isTrue();
    assertThat(out.has(Protocol.IP)).isTrue();
    assertThat(out.has(Protocol.TCP)).isTrue();
    assertThat(out.ipCount()).isEqualTo(1);
    assertThat(out.ipv4Source(0)).isEqualTo(0x0a000001);
    assertThat(out.ipv4Destination(0)).isEqualTo(0x0a000002);
    assertThat(out.transportProtocol()).isEqualTo(6);
    assertThat(out.sourcePort()).isEqualTo(40000);
    assertThat(out.destinationPort()).isEqualTo(9999);
    assertThat(out.tcpFlags()).isEqualTo(0x12);
  }

  @Test
  void shouldDecodeSingleVlanTag() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x8100), // EtherType 802.1Q
        "0064", // PCP 0, DEI 0, VLAN 100
        "86dd", // inner EtherType IPv6
        ipv6(17, 8), // IPv6, UDP
        udp(1000, 2000, 0)); // UDP, no payload
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.VLAN)).isTrue();
    assertThat(out.has(Protocol.IPV6)).isTrue();
    assertThat(out.has(Protocol.UDP)).isTrue();
    assertThat(out.ipVersion(0)).isEqualTo(6);
    assertThat(out.ipv6SourceHigh(0)).isEqualTo(0x20010db800000000L);
    assertThat(out.ipv6SourceLow(0)).isEqualTo(1L);
    assertThat(out.ipv6DestinationLow(0)).isEqualTo(2L);
  }

  @Test
  void shouldDecodeQinQStackOfServiceAndCustomerTags() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x88a8), // EtherType 802.1ad service tag
        "00c8", // S-VLAN 200
        "8100", // EtherType 802.1Q customer tag
        "0064", // C-VLAN 100
        "9100", // legacy QinQ tag
        "0001", // VLAN 1
        "0800", // EtherType IPv4
        ipv4(17, 8), // IPv4, UDP
        udp(5, 6, 0)); // UDP
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.VLAN)).isTrue();
    assertThat(out.has(Protocol.UDP)).isTrue();
    assertThat(out.sourcePort()).isEqualTo(5);
  }

  @Test
  void shouldReportTruncatedWhenVlanTagCut() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x8100), // EtherType 802.1Q
        "00"); // half of the tag control information
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
    assertThat(out.has(Protocol.VLAN)).isTrue();
    assertThat(out.has(Protocol.IP)).isFalse();
  }

  @Test
  void shouldReportTruncatedWhenEthernetHeaderCut() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        "001122334455", // destination MAC
        "66778899"); // 4 of 6 source MAC bytes
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
    assertThat(out.protocols()).isEqualTo(1L << Protocol.ETH);
  }

  @Test
  void shouldDecodeLlcSnapWhenTypeIsALength() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(36), // 802.3 length 36
        "aa", // DSAP SNAP
        "aa", // SSAP SNAP
        "03", // control UI
        "000000", // OUI encapsulated Ethernet
        "0806", // EtherType ARP
        "0001", // hardware type Ethernet
        "0800", // protocol type IPv4
        "06", // hardware address length
        "04", // protocol address length
        "0001", // operation request
        "66778899aabb", // sender MAC
        "0a000001", // sender IP
        "000000000000", // target MAC
        "0a000002", // target IP
        "00000000"); // Ethernet padding past the 802.3 length
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.LLC)).isTrue();
    assertThat(out.has(Protocol.ARP)).isTrue();
    assertThat(out.has(Protocol.ETHERTYPE)).isFalse();
    assertThat(out.ipCount()).isZero();
  }

  @Test
  void shouldStopAtLlcForSpanningTree() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(38), // 802.3 length 38
        "42", // DSAP spanning tree
        "42", // SSAP spanning tree
        "03", // control UI
        "0000000000000000000000000000000000000000000000000000000000000000000000"); // BPDU
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.protocols()).isEqualTo((1L << Protocol.ETH) | (1L << Protocol.LLC));
  }

  @Test
  void shouldReportMalformedWhenSnapHeaderCutByTheLengthField() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(5), // 802.3 length 5: less than an LLC/SNAP header
        "aa", // DSAP SNAP
        "aa", // SSAP SNAP
        "03", // control UI
        "0000", // 2 of the 3 OUI bytes
        "000800"); // bytes past the 802.3 length
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
  }

  @Test
  void shouldDecodePppoeSessionToIpv4() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x8864), // EtherType PPPoE session
        "11", // version 1, type 1
        "00", // code: session data
        "0001", // session id
        "001e", // length: PPP protocol + 28 bytes
        "0021", // PPP protocol IPv4
        ipv4(17, 8), // IPv4, UDP
        udp(1, 2, 0)); // UDP
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.PPPOE)).isTrue();
    assertThat(out.has(Protocol.PPP)).isTrue();
    assertThat(out.has(Protocol.UDP)).isTrue();
  }

  @Test
  void shouldReportMalformedPppoeVersion() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x8864), // EtherType PPPoE session
        "22", // version 2, type 2
        "00", // code
        "0001", // session id
        "0002", // length
        "0021"); // PPP protocol IPv4
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
    assertThat(out.has(Protocol.PPP)).isFalse();
  }

  @Test
  void shouldDecodeMplsLabelStackToIpv4() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x8847), // EtherType MPLS unicast
        "00010040", // label 16, not bottom of stack, TTL 64
        "00011140", // label 17, bottom of stack, TTL 64
        ipv4(6, 20), // IPv4 guessed from its version nibble
        tcp(1, 2, 0x10)); // TCP ACK
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.MPLS)).isTrue();
    assertThat(out.has(Protocol.TCP)).isTrue();
  }

  @Test
  void shouldReportTruncatedMplsStackWithoutBottom() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x8847), // EtherType MPLS unicast
        "00010040", // label 16, not bottom of stack
        "0001"); // half a label
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }

  @Test
  void shouldStopQuietlyAtUnknownEtherType() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x88cc), // EtherType LLDP
        "0207040011223344"); // chassis id TLV
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.protocols()).isEqualTo((1L << Protocol.ETH) | (1L << Protocol.ETHERTYPE));
  }

  @Test
  void shouldReportMalformedWhenVlanTagsNestPastTheLimit() {
    StringBuilder tags = new StringBuilder();
    for (int i = 0; i < DecodedFrame.MAX_NESTING + 2; i++) {
      tags.append("8100").append("0001"); // another 802.1Q tag, VLAN 1
    }
    DecodedFrame out = decode(LinkType.ETHERNET,
        "001122334455", // destination MAC
        "66778899aabb", // source MAC
        tags.toString(), // EtherType 802.1Q and one tag per nesting level
        "0800"); // never reached
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
  }
}
