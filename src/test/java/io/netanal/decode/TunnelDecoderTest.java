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

/** Tunnels, vendor tags and the extra link types decoded to match tshark on the corpus. */
class TunnelDecoderTest {

  @Test
  void shouldDecodeGtpUserPlaneIntoInnerIpAndTcp() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8 + 12 + 40, "0a000001", "0a000002"), // outer IPv4, UDP
        udp(2152, 2152, 12 + 40), // UDP GTP-U
        "32", // GTP version 1, PT 1, S flag: 4 optional bytes follow
        "ff", // message type G-PDU
        "002c", // length 44
        "00000001", // TEID
        "0001", // sequence number
        "00", // N-PDU number
        "00", // no extension header
        ipv4(6, 20, "c0a80001", "c0a80002"), // inner IPv4, TCP
        tcp(1234, 80, 0x02)); // TCP SYN
    assertThat(out.has(Protocol.GTP)).isTrue();
    assertThat(out.has(Protocol.TCP)).isTrue();
    assertThat(out.ipCount()).isEqualTo(2);
    assertThat(out.ipv4Source(1)).isEqualTo(0xc0a80001);
    assertThat(out.transportProtocol()).isEqualTo(6);
    assertThat(out.destinationPort()).isEqualTo(80);
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
  }

  @Test
  void shouldDecodeVxlanIntoInnerEthernet() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8 + 8 + 14 + 28), // outer IPv4, UDP
        udp(50000, 4789, 8 + 14 + 28), // UDP to VXLAN
        "08000000", // VXLAN flags: VNI valid
        "00007b00", // VNI 123
        ethernet(0x0800), // inner Ethernet, IPv4
        ipv4(1, 8, "0b000001", "0b000002"), // inner IPv4, ICMP
        "0800f7ff00000000"); // ICMP echo request
    assertThat(out.has(Protocol.VXLAN)).isTrue();
    assertThat(out.has(Protocol.ICMP)).isTrue();
    assertThat(out.ipCount()).isEqualTo(2);
  }

  @Test
  void shouldDecodeTeredoIntoIpv6() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8 + 8 + 40 + 8), // outer IPv4, UDP
        udp(3544, 40000, 8 + 40 + 8), // UDP from the Teredo server port
        "0000", // origin indication
        "1234", // obfuscated port
        "01020304", // obfuscated address
        ipv6(58, 8), // IPv6, ICMPv6
        "8000000000000000"); // ICMPv6 echo request
    assertThat(out.has(Protocol.TEREDO)).isTrue();
    assertThat(out.has(Protocol.IPV6)).isTrue();
    assertThat(out.has(Protocol.ICMPV6)).isTrue();
  }

  @Test
  void shouldNotEnterTunnelQuotedByIcmpError() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(1, 8 + 20 + 8 + 8), // IPv4, ICMP
        "0303000000000000", // ICMP port unreachable
        ipv4(17, 16, "0c000001", "0c000002"), // quoted IPv4, UDP
        udp(2152, 2152, 8), // quoted UDP to GTP-U
        "30ff0000000000ff"); // quoted GTP header
    assertThat(out.ipCount()).isEqualTo(1);
    assertThat(out.has(Protocol.GTP)).isFalse();
  }

  @Test
  void shouldDecodeFabricPathIntoInnerEthernetAndVlan() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x8903), // outer switch addresses, EtherType FabricPath
        "4020", // FTAG, TTL
        ethernet(0x8100), // inner Ethernet, 802.1Q
        "00070800", // VLAN 7, IPv4
        ipv4(6, 20), // IPv4, TCP
        tcp(1, 2, 0x10)); // TCP ACK
    assertThat(out.has(Protocol.CFP)).isTrue();
    assertThat(out.has(Protocol.VLAN)).isTrue();
    assertThat(out.has(Protocol.TCP)).isTrue();
  }

  @Test
  void shouldNameServiceTagIeee8021adAndRarpArp() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x88a8), // 802.1ad service tag
        "00648035", // VLAN 100, RARP
        "0001080006040003", // hardware Ethernet, protocol IPv4, sizes 6 and 4, reverse request
        "000000000000000000000000000000000000000000"); // addresses (20 bytes and one spare)
    assertThat(out.has(Protocol.IEEE8021AD)).isTrue();
    assertThat(out.has(Protocol.VLAN)).isFalse();
    assertThat(out.has(Protocol.ARP)).isTrue();
  }

  @Test
  void shouldDecodeUnencryptedMacsecPayload() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x88e5), // MACsec
        "20", // TCI: SC set, not encrypted
        "22", // short length 34
        "00000042", // packet number
        "caf9df4f509a0064", // SCI
        "0800", // EtherType IPv4
        ipv4(17, 12), // IPv4, UDP
        udp(1, 2, 4), // UDP
        "3132330a", // payload
        "079d1505db571783ceb1aec143e4e374"); // ICV
    assertThat(out.has(Protocol.MACSEC)).isTrue();
    assertThat(out.has(Protocol.UDP)).isTrue();
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
  }

  @Test
  void shouldDecodeCiscoHdlcButNotCountSlarpAsArp() {
    DecodedFrame ip = decode(LinkType.C_HDLC,
        "0f", // address: unicast
        "00", // control
        "0800", // protocol IPv4
        ipv4(1, 8), // IPv4, ICMP
        "0800f7ff00000000"); // ICMP echo request
    DecodedFrame slarp = decode(LinkType.C_HDLC,
        "8f", // address: broadcast
        "00", // control
        "8035", // protocol SLARP (RARP's number)
        "00000002000000010000ffff"); // keepalive
    assertThat(ip.has(Protocol.CHDLC)).isTrue();
    assertThat(ip.has(Protocol.ICMP)).isTrue();
    assertThat(slarp.has(Protocol.CHDLC)).isTrue();
    assertThat(slarp.has(Protocol.ARP)).isFalse();
  }

  @Test
  void shouldDecodeFrameRelayWithCiscoEtherType() {
    DecodedFrame out = decode(LinkType.FRELAY,
        "48e1", // Q.922 address, EA set in the second byte
        "86dd", // Cisco encapsulation: EtherType IPv6
        ipv6(59, 0)); // IPv6, no next header
    assertThat(out.has(Protocol.FR)).isTrue();
    assertThat(out.has(Protocol.IPV6)).isTrue();
    assertThat(out.ipCount()).isEqualTo(1);
  }

  @Test
  void shouldDecodePpiInnerLinkType() {
    DecodedFrame out = decode(LinkType.PPI,
        "00", // PPI version 0
        "00", // flags
        "0800", // header length 8, little-endian
        "01000000", // link type 1 (Ethernet), little-endian
        ethernet(0x0800), // Ethernet, IPv4
        ipv4(17, 8), // IPv4, UDP
        udp(1, 2, 0)); // UDP
    assertThat(out.has(Protocol.PPI)).isTrue();
    assertThat(out.has(Protocol.ETH)).isTrue();
    assertThat(out.has(Protocol.UDP)).isTrue();
  }

  @Test
  void shouldDecodeNflogPayloadAttribute() {
    DecodedFrame out = decode(LinkType.NFLOG,
        "02", // family AF_INET
        "00", // version
        "0014", // resource id
        "0800", // TLV length 8, little-endian
        "0100", // TLV type 1: packet header
        "08000100", // its value
        "1c00", // TLV length 28 (4 + 24), little-endian
        "0900", // TLV type 9: payload
        ipv4(1, 4), // IPv4, ICMP
        "08000000"); // ICMP, shortened
    assertThat(out.has(Protocol.NFLOG)).isTrue();
    assertThat(out.has(Protocol.ICMP)).isTrue();
  }

  @Test
  void shouldNotCountIpv6WhoseVersionIsWrong() {
    DecodedFrame out = decode(LinkType.IPV6,
        ipv4(17, 8), // an IPv4 header where IPv6 belongs
        udp(1, 2, 0)); // UDP
    assertThat(out.has(Protocol.IPV6)).isFalse();
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
  }
}
