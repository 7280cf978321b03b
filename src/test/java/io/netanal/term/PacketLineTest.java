package io.netanal.term;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.decode.DecodeStatus;
import io.netanal.decode.FrameFixture;
import io.netanal.decode.DecodedFrame;
import io.netanal.decode.Protocol;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PacketLineTest {
  /** 2023-11-14T22:13:20.123456789Z. */
  private static final long TIME = 1_700_000_000_123_456_789L;

  private final PacketLine line = new PacketLine(ZoneOffset.UTC);

  @Test
  void shouldFormatTcpOverIpv4WithPortsAndFlags() {
    DecodedFrame f = new DecodedFrame();
    f.reset();
    FrameFixture.on(f).withProtocol(Protocol.ETH).withProtocol(Protocol.IP).withProtocol(Protocol.TCP)
        .withProtocol(Protocol.TLS)
        .withIpv4(0xC0000201, 0xC6336407) // 192.0.2.1 > 198.51.100.7
        .withTransport(6, 51234, 443, 0x18); // PSH+ACK

    assertThat(line.format(TIME, f, 1514, 1514))
        .isEqualTo("22:13:20.123456 tls 192.0.2.1:51234 > 198.51.100.7:443 len 1514 [P.]");
  }

  @Test
  void shouldBracketIpv6AddressesWithPorts() {
    DecodedFrame f = new DecodedFrame();
    f.reset();
    FrameFixture.on(f).withProtocol(Protocol.ETH).withProtocol(Protocol.IPV6).withProtocol(Protocol.UDP)
        .withProtocol(Protocol.DNS)
        .withIpv6(0x20010db800000000L, 1, 0x20010db800000000L, 0x35) // 2001:db8::1 > 2001:db8::35
        .withTransport(17, 5353, 53, DecodedFrame.NONE);

    assertThat(line.format(TIME, f, 80, 80))
        .isEqualTo("22:13:20.123456 dns [2001:db8::1]:5353 > [2001:db8::35]:53 len 80");
  }

  @Test
  void shouldUseTheInnermostIpHeaderAndTheMostSpecificNetworkProtocol() {
    DecodedFrame f = new DecodedFrame();
    f.reset();
    FrameFixture.on(f).withProtocol(Protocol.ETH).withProtocol(Protocol.IP).withProtocol(Protocol.GRE)
        .withProtocol(Protocol.ICMP)
        .withIpv4(0x0A000001, 0x0A000002) // outer 10.0.0.1 > 10.0.0.2
        .withIpv4(0xC0A80001, 0xC0A80002); // inner 192.168.0.1 > 192.168.0.2

    assertThat(line.format(TIME, f, 122, 122)).isEqualTo("22:13:20.123456 gre 192.168.0.1 > 192.168.0.2 len 122");
  }

  @Test
  void shouldShowNonIpFramesAndTruncation() {
    DecodedFrame f = new DecodedFrame();
    f.reset();
    FrameFixture.on(f).withProtocol(Protocol.ETH).withProtocol(Protocol.ARP).withStatus(DecodeStatus.TRUNCATED);

    assertThat(line.format(TIME, f, 20, 60)).isEqualTo("22:13:20.123456 arp len 60 caplen 20 (truncated)");
  }

  @Test
  void shouldNameAFrameWithNoDecodedProtocol() {
    DecodedFrame f = new DecodedFrame();
    f.reset();
    FrameFixture.on(f).withStatus(DecodeStatus.UNSUPPORTED_LINK_TYPE);

    assertThat(line.format(0, f, 64, 64)).isEqualTo("00:00:00.000000 frame len 64 (unsupportedLinkType)");
  }

  @Test
  void shouldWriteTcpFlagsInTcpdumpOrder() {
    assertThat(PacketLine.tcpFlags(0x02)).isEqualTo("S");
    assertThat(PacketLine.tcpFlags(0x12)).isEqualTo("S.");
    assertThat(PacketLine.tcpFlags(0x11)).isEqualTo("F.");
    assertThat(PacketLine.tcpFlags(0x04)).isEqualTo("R");
    assertThat(PacketLine.tcpFlags(0xC2)).isEqualTo("SWE");
    assertThat(PacketLine.tcpFlags(0)).isEqualTo("none");
  }
}
