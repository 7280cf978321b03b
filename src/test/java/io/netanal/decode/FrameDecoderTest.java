package io.netanal.decode;

import static io.netanal.decode.Fixtures.decode;
import static io.netanal.decode.Fixtures.ipv4;
import static io.netanal.decode.Fixtures.ipv6;
import static io.netanal.decode.Fixtures.tcp;
import static io.netanal.decode.Fixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.frame.LinkType;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Link-type dispatch and the link layers without a decoder test of their own. */
class FrameDecoderTest {

  @Test
  void shouldReportUnsupportedLinkType() {
    DecodedFrame out = decode(147, // LINKTYPE_USER0
        "0102030405");
    assertThat(out.status()).isEqualTo(DecodeStatus.UNSUPPORTED_LINK_TYPE);
    assertThat(out.protocols()).isZero();
  }

  @Test
  void shouldResetTheFrameBetweenDecodes() {
    DecodedFrame out = decode(LinkType.ETHERNET, Fixtures.ethernet(0x0800), ipv4(6, 20), tcp(1, 2, 2));
    new FrameDecoder().decode(LinkType.ETHERNET, ByteBuffer.allocate(3), 0, 3, out);
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
    assertThat(out.protocols()).isEqualTo(1L << Protocol.ETH);
    assertThat(out.ipCount()).isZero();
    assertThat(out.transportProtocol()).isEqualTo(DecodedFrame.NO_TRANSPORT);
    assertThat(out.sourcePort()).isEqualTo(DecodedFrame.NONE);
    assertThat(out.tcpFlags()).isEqualTo(DecodedFrame.NONE);
  }

  @Test
  void shouldGiveTheSameViewAndOffsetsForAFrameInADirectOrReadOnlyBufferAsInAnArray() {
    byte[] frame = Fixtures.bytes(Fixtures.ethernet(0x0800), ipv4(6, 20 + 5), tcp(1234, 80, 0x18), "4745542022");
    int at = 37;
    byte[] backing = new byte[at + frame.length + 5];
    System.arraycopy(frame, 0, backing, at, frame.length);
    DecodedFrame fromArray = new DecodedFrame();
    new FrameDecoder().decode(LinkType.ETHERNET, backing, at, frame.length, fromArray);
    ByteBuffer direct = ByteBuffer.allocateDirect(backing.length).put(backing);

    for (ByteBuffer buffer : new ByteBuffer[] {direct, ByteBuffer.wrap(backing).asReadOnlyBuffer()}) {
      DecodedFrame out = new DecodedFrame();
      new FrameDecoder().decode(LinkType.ETHERNET, buffer, at, frame.length, out);

      assertThat(out.protocols()).isEqualTo(fromArray.protocols()).isNotZero();
      assertThat(out.status()).isEqualTo(DecodeStatus.OK);
      assertThat(out.ipOffset(0)).isEqualTo(fromArray.ipOffset(0)).isEqualTo(at + 14);
      assertThat(out.payloadOffset()).isEqualTo(fromArray.payloadOffset()).isEqualTo(at + 14 + 20 + 20);
      assertThat(out.payloadEnd()).isEqualTo(fromArray.payloadEnd()).isEqualTo(at + frame.length);
      assertThat(out.sourcePort()).isEqualTo(1234);
      assertThat(buffer.get(out.payloadOffset())).isEqualTo((byte) 'G');
    }
  }

  @Test
  void shouldClampCapturedLengthPastTheBufferLimitInsteadOfThrowing() {
    DecodedFrame out = new DecodedFrame();
    new FrameDecoder().decode(LinkType.ETHERNET, ByteBuffer.allocate(10), 0, 9000, out);
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }

  @ParameterizedTest
  @ValueSource(ints = {LinkType.RAW, LinkType.RAW_ALT_12, LinkType.RAW_ALT_14})
  void shouldDecodeRawIpOfEitherVersion(int linkType) {
    DecodedFrame v4 = decode(linkType,
        ipv4(17, 8), // IPv4, UDP
        udp(1, 2, 0)); // UDP
    DecodedFrame v6 = decode(linkType,
        ipv6(6, 20), // IPv6, TCP
        tcp(1, 2, 0x10)); // TCP ACK
    assertThat(v4.status()).isEqualTo(DecodeStatus.OK);
    assertThat(v4.has(Protocol.RAW)).isTrue();
    assertThat(v4.has(Protocol.UDP)).isTrue();
    assertThat(v6.status()).isEqualTo(DecodeStatus.OK);
    assertThat(v6.has(Protocol.RAW)).isTrue();
    assertThat(v6.has(Protocol.TCP)).isTrue();
  }

  @Test
  void shouldReportMalformedRawPacketOfUnknownVersion() {
    DecodedFrame out = decode(LinkType.RAW,
        "5500001c"); // version 5
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
  }

  @Test
  void shouldDecodeIpv4AndIpv6LinkTypesWithoutRawPseudoProtocol() {
    DecodedFrame v4 = decode(LinkType.IPV4, ipv4(17, 8), udp(1, 2, 0));
    DecodedFrame v6 = decode(LinkType.IPV6, ipv6(17, 8), udp(1, 2, 0));
    assertThat(v4.protocols()).isEqualTo((1L << Protocol.IP) | (1L << Protocol.UDP));
    assertThat(v6.protocols()).isEqualTo((1L << Protocol.IPV6) | (1L << Protocol.UDP));
  }

  @Test
  void shouldDecodeNullLoopbackInHostByteOrder() {
    DecodedFrame out = decode(LinkType.NULL,
        "02000000", // AF_INET, little-endian host
        ipv4(6, 20), // IPv4, TCP
        tcp(1, 2, 0x02)); // TCP SYN
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.NULL)).isTrue();
    assertThat(out.has(Protocol.TCP)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"00000018", "1c000000", "0000001e"})
  void shouldDecodeLoopbackIpv6FamiliesInEitherByteOrder(String family) {
    DecodedFrame out = decode(LinkType.LOOP,
        family, // AF_INET6 of NetBSD (24), FreeBSD (28) or macOS (30)
        ipv6(17, 8), // IPv6, UDP
        udp(1, 2, 0)); // UDP
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.NULL)).isTrue();
    assertThat(out.has(Protocol.IPV6)).isTrue();
  }

  @Test
  void shouldReportTruncatedLoopbackHeader() {
    DecodedFrame out = decode(LinkType.NULL, "0200"); // half an address family
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }

  @Test
  void shouldDecodeLinuxCookedCapture() {
    DecodedFrame out = decode(LinkType.LINUX_SLL,
        "0000", // packet type: to us
        "0001", // ARPHRD_ETHER
        "0006", // address length
        "66778899aabb0000", // address, padded to 8
        "0800", // protocol IPv4
        ipv4(17, 8), // IPv4, UDP
        udp(1, 2, 0)); // UDP
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.SLL)).isTrue();
    assertThat(out.has(Protocol.ETHERTYPE)).isTrue();
    assertThat(out.has(Protocol.UDP)).isTrue();
  }

  @Test
  void shouldDecodeLinuxCookedCaptureV2() {
    DecodedFrame out = decode(LinkType.LINUX_SLL2,
        "86dd", // protocol IPv6
        "0000", // reserved
        "00000002", // interface index
        "0001", // ARPHRD_ETHER
        "04", // packet type: outgoing
        "06", // address length
        "66778899aabb0000", // address, padded to 8
        ipv6(6, 20), // IPv6, TCP
        tcp(1, 2, 0x11)); // TCP FIN+ACK
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.SLL2)).isTrue();
    assertThat(out.has(Protocol.TCP)).isTrue();
    assertThat(out.tcpFlags()).isEqualTo(0x11);
  }

  @Test
  void shouldDecodeLinuxCookedLlcPayload() {
    DecodedFrame out = decode(LinkType.LINUX_SLL,
        "0000", // packet type
        "0001", // ARPHRD_ETHER
        "0006", // address length
        "66778899aabb0000", // address
        "0004", // protocol ETH_P_802_2: LLC follows
        "42", // DSAP spanning tree
        "42", // SSAP spanning tree
        "03"); // control UI
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.LLC)).isTrue();
  }

  @Test
  void shouldStopAtSllForNetlink() {
    DecodedFrame out = decode(LinkType.LINUX_SLL,
        "0004", // packet type: outgoing
        "0338", // ARPHRD_NETLINK
        "0000", // address length
        "0000000000000000", // address
        "0800", // netlink family, not an EtherType
        "45000000"); // netlink message bytes
    assertThat(out.protocols()).isEqualTo(1L << Protocol.SLL);
  }

  @Test
  void shouldReportTruncatedSll2Header() {
    DecodedFrame out = decode(LinkType.LINUX_SLL2, "0800000000000002"); // 8 of 20 bytes
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }

  @Test
  void shouldDecodePppWithAndWithoutAddressAndControl() {
    DecodedFrame framed = decode(LinkType.PPP_HDLC,
        "ff", // address: all stations
        "03", // control: UI
        "0021", // protocol IPv4
        ipv4(17, 8), // IPv4, UDP
        udp(1, 2, 0)); // UDP
    DecodedFrame bare = decode(LinkType.PPP,
        "0057", // protocol IPv6
        ipv6(17, 8), // IPv6, UDP
        udp(1, 2, 0)); // UDP
    DecodedFrame compressed = decode(LinkType.PPP,
        "21", // compressed protocol IPv4
        ipv4(17, 8), // IPv4, UDP
        udp(1, 2, 0)); // UDP
    assertThat(framed.has(Protocol.PPP) && framed.has(Protocol.UDP)).isTrue();
    assertThat(bare.has(Protocol.PPP) && bare.has(Protocol.IPV6)).isTrue();
    assertThat(compressed.has(Protocol.IP)).isTrue();
    assertThat(framed.status() | bare.status() | compressed.status()).isEqualTo(DecodeStatus.OK);
  }

  @Test
  void shouldStopAtPppForLinkControlProtocol() {
    DecodedFrame out = decode(LinkType.PPP,
        "ff03", // address and control
        "c021", // protocol LCP
        "01010004"); // configure-request, id 1, length 4
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.protocols()).isEqualTo(1L << Protocol.PPP);
  }

  @Test
  void shouldReportTruncatedPppProtocol() {
    DecodedFrame out = decode(LinkType.PPP, "ff03", "00"); // address, control, half a protocol
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }

  @ParameterizedTest
  @ValueSource(ints = {LinkType.PPP, LinkType.PPP_HDLC})
  void shouldDecodeCiscoHdlcFramingUnderThePppLinkTypesAsTsharkDoes(int linkType) {
    // tshark 4.0: frame.protocols ppp:chdlc:ip:tcp for both addresses, ppp:chdlc:slarp for a keepalive.
    DecodedFrame unicast = decode(linkType,
        "0f", // Cisco HDLC address: unicast
        "00", // control
        "0800", // protocol: IPv4
        ipv4(6, 20), // IPv4, TCP
        tcp(12345, 80, 0x02)); // TCP SYN
    DecodedFrame multicast = decode(linkType,
        "8f", // Cisco HDLC address: multicast
        "00", // control
        "86dd", // protocol: IPv6
        ipv6(17, 8), // IPv6, UDP
        udp(1, 2, 0)); // UDP
    DecodedFrame keepalive = decode(linkType,
        "0f00", // address, control
        "8035", // protocol: SLARP
        "00000002000000010000000200000000ffff"); // SLARP keepalive
    assertThat(unicast.protocols()).isEqualTo(1L << Protocol.PPP | 1L << Protocol.CHDLC | 1L << Protocol.IP
        | 1L << Protocol.TCP);
    assertThat(unicast.tcpFlags()).isEqualTo(0x02);
    assertThat(unicast.status()).isEqualTo(DecodeStatus.OK);
    assertThat(multicast.protocols()).isEqualTo(1L << Protocol.PPP | 1L << Protocol.CHDLC | 1L << Protocol.IPV6
        | 1L << Protocol.UDP);
    assertThat(keepalive.protocols()).isEqualTo(1L << Protocol.PPP | 1L << Protocol.CHDLC);
    assertThat(keepalive.status()).isEqualTo(DecodeStatus.OK);
  }

  @Test
  void shouldReportCiscoHdlcUnderPppCutBeforeItsProtocolAsTruncated() {
    DecodedFrame out = decode(LinkType.PPP, "0f", "00", "08"); // address, control, half a protocol
    assertThat(out.protocols()).isEqualTo(1L << Protocol.PPP | 1L << Protocol.CHDLC);
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }
}
