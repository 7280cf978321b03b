package io.netanal.decode.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class AppMessageParserTest {

  @Test
  void shouldReadDnsOnDnsPortsOverUdp() {
    for (int port : new int[] {53, 5353, 5355}) {
      assertThat(parse(AppMessageParser.UDP, 40000, port, DnsParserTest.QUERY)).isInstanceOf(DnsMessage.class);
      assertThat(parse(AppMessageParser.UDP, port, 40000, DnsParserTest.QUERY)).isInstanceOf(DnsMessage.class);
    }
    assertThat(parse(AppMessageParser.UDP, 40000, 5354, DnsParserTest.QUERY)).isNull();
  }

  @Test
  void shouldReadDnsAfterLengthPrefixOverTcp() {
    byte[] framed = new byte[DnsParserTest.QUERY.length + 2];
    framed[1] = (byte) DnsParserTest.QUERY.length;
    System.arraycopy(DnsParserTest.QUERY, 0, framed, 2, DnsParserTest.QUERY.length);

    DnsMessage message = (DnsMessage) parse(AppMessageParser.TCP, 40000, 53, framed);

    assertThat(message.query()).isEqualTo("www.example.com");
    assertThat(message.complete()).isTrue();
  }

  @Test
  void shouldReadTlsAndHttpOnAnyTcpPort() {
    assertThat(parse(AppMessageParser.TCP, 40000, 8443, TlsHelloParserTest.CLIENT_HELLO_GREASE))
        .isInstanceOf(TlsClientHello.class);
    assertThat(parse(AppMessageParser.TCP, 12345, 40000, HttpParserTest.GET)).isInstanceOf(HttpRequest.class);
    assertThat(parse(AppMessageParser.TCP, 80, 40000, HttpParserTest.RESPONSE)).isInstanceOf(HttpResponse.class);
  }

  @Test
  void shouldReadSsdpAsHttpOverUdp() {
    byte[] search = Payloads.ascii("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n\r\n");

    assertThat(parse(AppMessageParser.UDP, 40000, 1900, search)).isInstanceOf(HttpRequest.class);
    assertThat(parse(AppMessageParser.UDP, 40000, 1901, search)).isNull();
  }

  @Test
  void shouldReturnNullForOtherPayloadsAndProtocols() {
    assertThat(parse(AppMessageParser.TCP, 40000, 22, Payloads.ascii("SSH-2.0-OpenSSH_9.2\r\n"))).isNull();
    assertThat(parse(132, 40000, 53, DnsParserTest.QUERY)).isNull(); // SCTP
    assertThat(parse(AppMessageParser.TCP, 40000, 443, new byte[0])).isNull();
  }

  @Test
  void shouldReadTheSameFromADirectBufferAsFromItsBytes() {
    byte[] payload = TlsHelloParserTest.CLIENT_HELLO_GREASE;
    ByteBuffer direct = ByteBuffer.allocateDirect(payload.length + 10);
    direct.position(5);
    direct.put(payload);

    AppMessage fromDirect = AppMessageParser.parse(AppMessageParser.TCP, 40000, 443, direct, 5, 5 + payload.length);

    assertThat(fromDirect).isEqualTo(AppMessageParser.parse(AppMessageParser.TCP, 40000, 443, payload, 0,
        payload.length));
    assertThat(AppMessageParser.parse(AppMessageParser.TCP, 40000, 443, direct, -1, 5)).isNull();
  }

  private static AppMessage parse(int protocol, int sourcePort, int destinationPort, byte[] payload) {
    return Payloads.parse(payload, v -> AppMessageParser.parse(protocol, sourcePort, destinationPort, v.buffer(),
        v.offset(), v.end()));
  }
}
