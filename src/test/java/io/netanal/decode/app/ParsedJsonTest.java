package io.netanal.decode.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The parsers' results are plain records: a default Jackson mapper writes exactly their components. */
class ParsedJsonTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldWriteDnsMessageAsItsComponents() throws Exception {
    assertThat(json.writeValueAsString(Payloads.dns(DnsParserTest.QUERY, false))).isEqualTo("{\"id\":4660,"
        + "\"response\":false,\"opcode\":0,\"rcode\":0,\"truncated\":false,\"query\":\"www.example.com\",\"qtype\":1,"
        + "\"questions\":[\"www.example.com\"],\"answers\":[],\"addresses\":[],\"complete\":true}");
  }

  @Test
  void shouldWriteTlsHellosAsTheirComponents() throws Exception {
    assertThat(json.writeValueAsString(Payloads.tls(TlsHelloParserTest.CLIENT_HELLO_GREASE))).isEqualTo(
        "{\"legacyVersion\":771,\"supportedVersions\":[27242,772,771],\"sni\":\"example.com\","
            + "\"alpn\":[\"h2\",\"http/1.1\"],\"ja3\":\"771,4865-4866-49199,0-10-11-16-43-23,29-23,0\","
            + "\"ja3Hash\":\"d27510c0f0952658840bfea9610a5b6f\",\"complete\":true}");
    assertThat(json.writeValueAsString(Payloads.tls(TlsHelloParserTest.SERVER_HELLO_TLS12))).isEqualTo(
        "{\"legacyVersion\":771,\"version\":771,\"cipher\":49195,\"alpn\":\"http/1.1\","
            + "\"ja3s\":\"771,49195,65281-16-11\",\"ja3sHash\":\"554786d4c84f8a7953b7e453c6371067\",\"complete\":true}");
  }

  @Test
  void shouldWriteHttpMessagesAsTheirComponents() throws Exception {
    assertThat(json.writeValueAsString(Payloads.http(HttpParserTest.GET))).isEqualTo("{\"method\":\"GET\","
        + "\"uri\":\"/index.html?q=1\",\"version\":\"HTTP/1.1\",\"host\":\"www.example.com:8080\","
        + "\"userAgent\":\"curl/7.88.1\",\"complete\":true}");
    assertThat(json.writeValueAsString(Payloads.http(HttpParserTest.RESPONSE))).isEqualTo(
        "{\"version\":\"HTTP/1.0\",\"status\":404,\"reason\":\"Not Found\",\"complete\":true}");
  }
}
