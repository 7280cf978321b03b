package io.netanal.decode;

import static io.netanal.decode.Fixtures.decode;
import static io.netanal.decode.Fixtures.ipv4;
import static io.netanal.decode.Fixtures.ipv6;
import static io.netanal.decode.Fixtures.tcp;
import static io.netanal.decode.Fixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.frame.LinkType;
import org.junit.jupiter.api.Test;

/** TCP, UDP and SCTP headers. */
class TransportDecoderTest {

  @Test
  void shouldReadAllTcpFlagsIncludingNs() {
    DecodedFrame out = decode(LinkType.IPV4, ipv4(6, 20), tcp(1, 2, 0x1ff)); // every flag, NS included
    assertThat(out.tcpFlags()).isEqualTo(0x1ff);
  }

  @Test
  void shouldPutEachTcpFlagAtItsTcpFlagBit() {
    // Header bit order (RFC 9293 figure 1, NS from RFC 3540): FIN is the lowest bit of byte 13, NS byte 12's.
    int[] flags = {TcpFlag.FIN, TcpFlag.SYN, TcpFlag.RST, TcpFlag.PSH, TcpFlag.ACK, TcpFlag.URG, TcpFlag.ECE,
        TcpFlag.CWR, TcpFlag.NS};
    for (int bit = 0; bit < flags.length; bit++) {
      DecodedFrame out = decode(LinkType.IPV4, ipv4(6, 20), tcp(1, 2, 1 << bit)); // header bit "bit" alone
      assertThat(out.tcpFlags()).as("header flag bit " + bit).isEqualTo(flags[bit]);
    }
    assertThat(TcpFlag.ALL).isEqualTo(TcpFlag.FIN | TcpFlag.SYN | TcpFlag.RST | TcpFlag.PSH | TcpFlag.ACK
        | TcpFlag.URG | TcpFlag.ECE | TcpFlag.CWR | TcpFlag.NS);
  }

  @Test
  void shouldSkipTcpOptionsByDataOffset() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(6, 28 + 5), // IPv4, TCP
        "0050", // source port 80
        "c000", // destination port 49152
        "00000001", // sequence number
        "00000001", // acknowledgment number
        "70", // data offset 7: 28 bytes
        "18", // flags PSH+ACK
        "ffff", // window
        "0000", // checksum
        "0000", // urgent pointer
        "0101010101010101", // eight NOP options
        "16030300", // TLS-looking payload: must not be mistaken for options
        "05"); // rest of the record header
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.sourcePort()).isEqualTo(80);
    assertThat(out.tcpFlags()).isEqualTo(0x18);
  }

  @Test
  void shouldReportMalformedWhenTcpDataOffsetBelowFive() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(6, 20), // IPv4, TCP
        "0001", // source port
        "0002", // destination port
        "00000001", // sequence number
        "00000000", // acknowledgment number
        "40", // data offset 4
        "02", // SYN
        "ffff", // window
        "0000", // checksum
        "0000"); // urgent pointer
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
    assertThat(out.sourcePort()).isEqualTo(1);
    assertThat(out.tcpFlags()).isEqualTo(0x02);
  }

  @Test
  void shouldReportTruncatedWhenTcpOptionsCutByCapture() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(6, 40), // IPv4, TCP of 40 bytes
        "0001", // source port
        "0002", // destination port
        "00000001", // sequence number
        "00000000", // acknowledgment number
        "a0", // data offset 10: 40 bytes
        "02", // SYN
        "ffff", // window
        "0000", // checksum
        "0000", // urgent pointer
        "020405b4"); // MSS option, then the capture ends
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }

  @Test
  void shouldReportTruncatedTcpHeaderWithoutPorts() {
    DecodedFrame out = decode(LinkType.IPV4, ipv4(6, 20), "00010002000000"); // 7 of 20 bytes
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
    assertThat(out.has(Protocol.TCP)).isTrue();
    assertThat(out.sourcePort()).isEqualTo(DecodedFrame.NONE);
  }

  @Test
  void shouldReportMalformedWhenUdpLengthBelowHeader() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8), // IPv4, UDP
        "0035", // source port 53
        "0035", // destination port 53
        "0004", // length 4 < 8
        "0000"); // checksum
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
    assertThat(out.sourcePort()).isEqualTo(53);
  }

  @Test
  void shouldReportMalformedWhenUdpLengthPastIpPayload() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 12), // IPv4 with 12 bytes of UDP
        udp(1, 2, 100), // UDP claiming 108 bytes
        "00000000", // 4 bytes of payload
        "aaaaaaaa"); // trailer past the IP total length
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
  }

  @Test
  void shouldAcceptUdpLengthPastSnaplenCut() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 108), // IPv4 with 108 bytes of UDP
        udp(1, 2, 100), // UDP of 108 bytes
        "00000000"); // the capture keeps 4 payload bytes
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
  }

  @Test
  void shouldTreatUdpLengthZeroAsMalformedAsTsharkDoes() {
    DecodedFrame out = decode(LinkType.IPV6,
        ipv6(17, 12), // IPv6, UDP
        "0001", // source port
        "0035", // destination port 53
        "0000", // length 0: tshark's "bad length value 0 < 8", even for jumbograms
        "0000", // checksum
        "00000000"); // payload
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
    assertThat(out.has(Protocol.UDP)).isTrue();
    assertThat(out.sourcePort()).isEqualTo(1);
    assertThat(out.has(Protocol.DNS)).isFalse();
  }

  @Test
  void shouldReportTruncatedUdpHeader() {
    DecodedFrame out = decode(LinkType.IPV4, ipv4(17, 8), "000100"); // 3 of 8 bytes
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
    assertThat(out.has(Protocol.UDP)).isTrue();
  }

  @Test
  void shouldDecodeSctpPorts() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(132, 12), // IPv4, SCTP
        "0b59", // source port 2905
        "0b5a", // destination port 2906
        "00000000", // verification tag
        "00000000"); // checksum
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.SCTP)).isTrue();
    assertThat(out.transportProtocol()).isEqualTo(132);
    assertThat(out.sourcePort()).isEqualTo(2905);
    assertThat(out.tcpFlags()).isEqualTo(DecodedFrame.NONE);
  }

  @Test
  void shouldReportTruncatedSctpHeader() {
    DecodedFrame out = decode(LinkType.IPV4, ipv4(132, 12), "0b590b5a00"); // 5 of 12 bytes
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }

  @Test
  void shouldDecodeArpAndReportItsTruncation() {
    String arp = "0001" // hardware type Ethernet
        + "0800" // protocol type IPv4
        + "06" // hardware address length
        + "04" // protocol address length
        + "0002" // operation reply
        + "66778899aabb" // sender MAC
        + "0a000001" // sender IP
        + "001122334455" // target MAC
        + "0a000002"; // target IP
    DecodedFrame whole = decode(LinkType.ETHERNET, Fixtures.ethernet(0x0806), arp);
    DecodedFrame cut = decode(LinkType.ETHERNET, Fixtures.ethernet(0x0806), arp.substring(0, 30));
    assertThat(whole.status()).isEqualTo(DecodeStatus.OK);
    assertThat(whole.has(Protocol.ARP)).isTrue();
    assertThat(whole.ipCount()).isZero();
    assertThat(cut.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }
}
