package io.netanal.decode;

import static io.netanal.decode.Fixtures.LEADING_GARBAGE;
import static io.netanal.decode.Fixtures.decode;
import static io.netanal.decode.Fixtures.ethernet;
import static io.netanal.decode.Fixtures.ipv4;
import static io.netanal.decode.Fixtures.ipv6;
import static io.netanal.decode.Fixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.frame.LinkType;
import org.junit.jupiter.api.Test;

/** The per-frame fields flows need: TCP numbers, payload extent, IP lengths, VLAN ID, ICMP type and code. */
class TransportFieldsTest {

  @Test
  void shouldReadTcpSequenceAcknowledgmentWindowAndPayloadExtent() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(6, 20 + 5), // IPv4 10.0.0.1 -> 10.0.0.2, TCP with 5 payload bytes
        "c000", // source port 49152
        "0050", // destination port 80
        "fffffff0", // sequence number (above 2^31: still exact)
        "00010002", // acknowledgment number
        "50", // data offset 5
        "18", // PSH+ACK
        "7210", // window 29200
        "0000", // checksum
        "0000", // urgent pointer
        "4745540d0a"); // payload "GET\r\n"
    assertThat(out.tcpSequence()).isEqualTo(0xfffffff0);
    assertThat(out.tcpAcknowledgment()).isEqualTo(0x00010002);
    assertThat(out.tcpWindow()).isEqualTo(29200);
    assertThat(out.transportLayer()).isZero();
    assertThat(out.ipOffset(0)).isEqualTo(LEADING_GARBAGE);
    assertThat(out.ipLength(0)).isEqualTo(45);
    assertThat(out.payloadOffset()).isEqualTo(LEADING_GARBAGE + 40);
    assertThat(out.payloadEnd()).isEqualTo(LEADING_GARBAGE + 45);
    assertThat(out.payloadLength()).isEqualTo(5);
  }

  @Test
  void shouldCountDeclaredPayloadBeyondSnaplenCut() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8 + 1000), // IPv4 announcing a UDP datagram of 1,000 payload bytes
        udp(5000, 6000, 1000), // UDP header
        "01020304"); // only 4 payload bytes captured
    assertThat(out.payloadLength()).isEqualTo(1000);
    assertThat(out.payloadEnd() - out.payloadOffset()).isEqualTo(4);
  }

  @Test
  void shouldTakeCapturedLengthWhenIpv4TotalLengthIsZero() {
    String header = ipv4(17, 8 + 2);
    String offloaded = header.substring(0, 4) + "0000" + header.substring(8); // total length 0 (TSO capture)
    DecodedFrame out = decode(LinkType.IPV4, offloaded, udp(1, 2, 2), "abcd");
    assertThat(out.ipLength(0)).isEqualTo(20 + 8 + 2);
    assertThat(out.payloadLength()).isEqualTo(2);
  }

  @Test
  void shouldReadIpv6LengthAndPayload() {
    DecodedFrame out = decode(LinkType.IPV6, ipv6(17, 8 + 3), udp(53, 40000, 3), "aabbcc");
    assertThat(out.ipLength(0)).isEqualTo(40 + 11);
    assertThat(out.transportLayer()).isZero();
    assertThat(out.payloadLength()).isEqualTo(3);
  }

  @Test
  void shouldRecordFirstVlanIdOfQinqStack() {
    DecodedFrame out = decode(LinkType.ETHERNET,
        ethernet(0x88a8), // 802.1ad outer tag follows
        "a064", // PCP 5, DEI 0, VLAN 100
        "8100", // inner 802.1Q tag follows
        "00c8", // VLAN 200
        "0800", // IPv4
        ipv4(17, 8), udp(1, 2, 0));
    assertThat(out.vlanId()).isEqualTo(100);
    assertThat(decode(LinkType.IPV4, ipv4(17, 8), udp(1, 2, 0)).vlanId()).isEqualTo(DecodedFrame.NONE);
  }

  @Test
  void shouldRecordIcmpTypeCodeAndItsLayerButNotTheQuotedHeader() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(1, 8 + 28), // IPv4 carrying ICMP
        "03", // type 3: destination unreachable
        "03", // code 3: port unreachable
        "0000", // checksum
        "00000000", // unused
        ipv4(17, 8, "0a000002", "0a000001"), // quoted IPv4 header
        udp(40000, 53, 0)); // quoted UDP header
    assertThat(out.icmpType()).isEqualTo(3);
    assertThat(out.icmpCode()).isEqualTo(3);
    assertThat(out.transportLayer()).isZero();
    assertThat(out.transportProtocol()).isEqualTo(DecodedFrame.NO_TRANSPORT);
    assertThat(out.sourcePort()).isEqualTo(DecodedFrame.NONE);
    assertThat(out.payloadLength()).isEqualTo(28);
  }

  @Test
  void shouldPairIcmpInsideUdpTunnelWithTheInnerLayer() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8 + 8 + 14 + 20 + 8), // outer IPv4, UDP
        udp(40000, 4789, 8 + 14 + 20 + 8), // VXLAN port
        "0800000000006400", // VXLAN header, VNI 100
        ethernet(0x0800), // inner Ethernet
        ipv4(1, 8, "c0a80001", "c0a80002"), // inner IPv4, ICMP
        "0800f7ff00000000"); // echo request
    assertThat(out.ipCount()).isEqualTo(2);
    assertThat(out.transportLayer()).isEqualTo(1);
    assertThat(out.icmpType()).isEqualTo(8);
    assertThat(out.sourcePort()).isEqualTo(DecodedFrame.NONE);
  }
}
