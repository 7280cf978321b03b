package io.netanal.decode;

import static io.netanal.decode.Fixtures.ascii;
import static io.netanal.decode.Fixtures.decode;
import static io.netanal.decode.Fixtures.dnsQuery;
import static io.netanal.decode.Fixtures.ipv4;
import static io.netanal.decode.Fixtures.length;
import static io.netanal.decode.Fixtures.tcp;
import static io.netanal.decode.Fixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.frame.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApplicationClassifierTest {

  private static DecodedFrame udpFrame(int sourcePort, int destinationPort, String payload) {
    int length = length(payload);
    return decode(LinkType.IPV4, ipv4(17, 8 + length), udp(sourcePort, destinationPort, length), payload);
  }

  private static DecodedFrame tcpFrame(int sourcePort, int destinationPort, String payload) {
    return decode(LinkType.IPV4, ipv4(6, 20 + length(payload)), tcp(sourcePort, destinationPort, 0x18), payload);
  }

  /** The application-layer bits of a frame, without the network and transport ones. */
  private static long applications(DecodedFrame out) {
    long mask = 0;
    for (int id = 0; id < Protocol.COUNT; id++) {
      if (Protocol.layer(id).equals(Protocol.LAYER_APPLICATION)) {
        mask |= 1L << id;
      }
    }
    return out.protocols() & mask;
  }

  @ParameterizedTest(name = "udp {0} -> {1}: {2}")
  @CsvSource({
      "40000, 53, " + Protocol.DNS,
      "53, 40000, " + Protocol.DNS,
      "5353, 5353, " + Protocol.MDNS,
      "40000, 5355, " + Protocol.LLMNR,
      "137, 137, " + Protocol.NBNS,
  })
  void shouldClassifyDnsFamilyByPortWithAHeader(int sourcePort, int destinationPort, int protocol) {
    DecodedFrame out = udpFrame(sourcePort, destinationPort, dnsQuery());
    assertThat(applications(out)).isEqualTo(1L << protocol);
  }

  @Test
  void shouldNotClassifyDnsShorterThanItsHeader() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 14), // IPv4 with 14 bytes of UDP
        udp(40000, 53, 6), // UDP to port 53 with a 6-byte payload
        "abcd01000001", // 6 of 12 DNS header bytes
        "0000"); // padding after the IP packet
    assertThat(applications(out)).isZero();
  }

  @Test
  void shouldClassifyDnsCutBySnaplenAsTsharkDoes() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 108), // IPv4 with 108 bytes of UDP
        udp(40000, 53, 100), // UDP to port 53 with a 100-byte payload
        "abcd01000001"); // the capture keeps 6 of them
    assertThat(out.has(Protocol.DNS)).isTrue();
  }

  @Test
  void shouldClassifyDnsOverTcpAfterLengthPrefix() {
    DecodedFrame out = tcpFrame(40000, 53,
        "0013" // message length 19
            + dnsQuery()); // DNS query
    assertThat(out.has(Protocol.DNS)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "GET / HTTP/1.1, 80",
      "POST /api HTTP/1.1, 8080",
      "HTTP/1.1 200 OK, 8000",
      "OPTIONS * HTTP/1.1, 3128",
      "GET /index.html HTTP/1.0, 4321",
  })
  void shouldClassifyHttpTextOnHttpPortsAndElsewhere(String firstLine, int port) {
    DecodedFrame out = tcpFrame(50000, port, ascii(firstLine + "\r\n"));
    assertThat(applications(out)).isEqualTo(1L << Protocol.HTTP);
  }

  @Test
  void shouldNotClassifyHttpWithoutHttpText() {
    DecodedFrame bareAck = decode(LinkType.IPV4, ipv4(6, 20), tcp(50000, 80, 0x10)); // ACK, no payload
    DecodedFrame body = tcpFrame(50000, 80, ascii("<html><body>")); // a body segment
    DecodedFrame almost = tcpFrame(50000, 80, ascii("GETX / HTTP/1.1")); // not a method
    assertThat(applications(bareAck)).isZero();
    assertThat(applications(body)).isZero();
    assertThat(applications(almost)).isZero();
  }

  @Test
  void shouldClassifyTlsRecordHeaderOnTlsPort() {
    DecodedFrame hello = tcpFrame(50000, 443,
        "16" // content type handshake
            + "0301" // version TLS 1.0 (record layer of a ClientHello)
            + "0004" // length
            + "01000000"); // handshake header
    DecodedFrame data = tcpFrame(993, 50000,
        "17" // content type application data
            + "0303" // version TLS 1.2
            + "0002" // length
            + "abcd"); // ciphertext
    assertThat(applications(hello)).isEqualTo(1L << Protocol.TLS);
    assertThat(applications(data)).isEqualTo(1L << Protocol.TLS);
  }

  @Test
  void shouldNotClassifyTlsWithoutRecordHeader() {
    DecodedFrame middle = tcpFrame(50000, 443, "8f3e11aa22bb"); // the middle of a record
    DecodedFrame badVersion = tcpFrame(50000, 443, "1702030002abcd"); // version 2.3
    DecodedFrame otherPort = tcpFrame(50000, 4000, "1603010004" + "01000000"); // not a TLS port
    assertThat(applications(middle)).isZero();
    assertThat(applications(badVersion)).isZero();
    assertThat(applications(otherPort)).isZero();
  }

  @Test
  void shouldClassifySshWithPayloadOnly() {
    DecodedFrame banner = tcpFrame(50000, 22, ascii("SSH-2.0-OpenSSH_9.2\r\n"));
    DecodedFrame ack = decode(LinkType.IPV4, ipv4(6, 20), tcp(50000, 22, 0x10));
    assertThat(applications(banner)).isEqualTo(1L << Protocol.SSH);
    assertThat(applications(ack)).isZero();
  }

  @Test
  void shouldClassifyQuicLongAndShortHeadersAndGoogleQuic() {
    DecodedFrame initial = udpFrame(50000, 443,
        "c3" // long header, fixed bit, initial packet
            + "00000001"); // version 1
    DecodedFrame shortHeader = udpFrame(443, 50000,
        "41" // short header, fixed bit
            + "0011223344"); // destination connection id
    DecodedFrame google = udpFrame(50000, 443,
        "c3" // long header
            + "51303433"); // version "Q043"
    DecodedFrame noFixedBit = udpFrame(50000, 443,
        "03" // neither long header nor fixed bit
            + "00000001"); // bytes
    assertThat(applications(initial)).isEqualTo(1L << Protocol.QUIC);
    assertThat(applications(shortHeader)).isEqualTo(1L << Protocol.QUIC);
    assertThat(applications(google)).isEqualTo(1L << Protocol.GQUIC);
    assertThat(applications(noFixedBit)).isZero();
  }

  @Test
  void shouldClassifyDhcpByBootpOp() {
    DecodedFrame discover = udpFrame(68, 67,
        "01" // op request
            + "01" // htype Ethernet
            + "06" // hlen
            + "00"); // hops
    DecodedFrame junk = udpFrame(68, 67, "07010600"); // op 7
    assertThat(applications(discover)).isEqualTo(1L << Protocol.DHCP);
    assertThat(applications(junk)).isZero();
  }

  @Test
  void shouldClassifyDhcpv6NtpSnmpAndSsdp() {
    DecodedFrame dhcpv6 = udpFrame(546, 547, "01" + "abcdef"); // SOLICIT, transaction id
    DecodedFrame ntp = udpFrame(123, 123, "23" + "0006ec"); // LI 0, version 4, mode 3
    DecodedFrame ntpBadVersion = udpFrame(123, 123, "3b" + "000000"); // version 7
    DecodedFrame snmp = udpFrame(40000, 161, "30" + "2902"); // SEQUENCE
    DecodedFrame snmpBad = udpFrame(40000, 161, "02" + "0100"); // INTEGER, not a message
    DecodedFrame ssdp = udpFrame(40000, 1900, ascii("M-SEARCH * HTTP/1.1\r\n"));
    assertThat(applications(dhcpv6)).isEqualTo(1L << Protocol.DHCPV6);
    assertThat(applications(ntp)).isEqualTo(1L << Protocol.NTP);
    assertThat(applications(ntpBadVersion)).isZero();
    assertThat(applications(snmp)).isEqualTo(1L << Protocol.SNMP);
    assertThat(applications(snmpBad)).isZero();
    assertThat(applications(ssdp)).isEqualTo(1L << Protocol.SSDP);
  }

  @Test
  void shouldTryTheLowerPortFirst() {
    DecodedFrame out = udpFrame(5353, 53, dnsQuery()); // DNS query sent from the mDNS port
    assertThat(applications(out)).isEqualTo(1L << Protocol.DNS);
  }

  @Test
  void shouldNotClassifyEmptyUdpPayload() {
    DecodedFrame out = udpFrame(40000, 53, "");
    assertThat(applications(out)).isZero();
  }
}
