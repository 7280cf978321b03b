package io.netanal.decode.app;

import static io.netanal.decode.app.Payloads.ascii;
import static io.netanal.decode.app.Payloads.bytes;
import static io.netanal.decode.app.Payloads.cut;
import static io.netanal.decode.app.Payloads.http;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpParserTest {
  static final byte[] GET = ascii("GET /index.html?q=1 HTTP/1.1\r\n" // request line
      + "Host: WWW.Example.com:8080\r\n" // Host, mixed case, with a port
      + "User-Agent:  curl/7.88.1 \r\n" // User-Agent, with extra whitespace
      + "Accept: */*\r\n" // another header
      + "\r\n"); // end of headers

  static final byte[] RESPONSE = ascii("HTTP/1.0 404 Not Found\r\n" // status line
      + "Server: test\r\n" // a header
      + "\r\n"); // end of headers

  @Test
  void shouldReadGetWithHostAndUserAgent() {
    HttpMessage message = http(GET);

    assertThat(message).isEqualTo(new HttpRequest("GET", "/index.html?q=1", "HTTP/1.1", "www.example.com:8080",
        "curl/7.88.1", true));
  }

  @Test
  void shouldReadResponseStatusLine() {
    assertThat(http(RESPONSE)).isEqualTo(new HttpResponse("HTTP/1.0", 404, "Not Found", true));
  }

  @Test
  void shouldReadResponseWithoutReasonPhrase() {
    assertThat(http(ascii("HTTP/1.1 204\r\n\r\n"))).isEqualTo(new HttpResponse("HTTP/1.1", 204, "", true));
  }

  @Test
  void shouldLeaveVersionAndReasonOutForFlowDetail() {
    byte[] fourDigits = ascii("HTTP/1.1 2000 OK\r\n\r\n"); // not a status line

    assertThat(HttpParser.parse(GET, 0, GET.length, Detail.FLOW)).isEqualTo(new HttpRequest("GET",
        "/index.html?q=1", null, "www.example.com:8080", "curl/7.88.1", true));
    assertThat(HttpParser.parse(RESPONSE, 0, RESPONSE.length, Detail.FLOW))
        .isEqualTo(new HttpResponse(null, 404, null, false));
    assertThat(HttpParser.parse(fourDigits, 0, fourDigits.length, Detail.FLOW)).isNull();
  }

  @Test
  void shouldReadSsdpSearchWithUppercaseHostHeader() {
    HttpRequest request = (HttpRequest) http(ascii("M-SEARCH * HTTP/1.1\r\n" // SSDP over UDP 1900
        + "HOST: 239.255.255.250:1900\r\n" // header name in upper case
        + "MAN: \"ssdp:discover\"\r\n" // another header
        + "\r\n"));

    assertThat(request.method()).isEqualTo("M-SEARCH");
    assertThat(request.host()).isEqualTo("239.255.255.250:1900");
  }

  @Test
  void shouldAcceptBareLineFeeds() {
    HttpRequest request = (HttpRequest) http(ascii("POST /api HTTP/1.0\nHost: a.test\n\n"));

    assertThat(request.host()).isEqualTo("a.test");
    assertThat(request.complete()).isTrue();
  }

  @Test
  void shouldKeepOddRequestVersionAsWritten() {
    HttpRequest request = (HttpRequest) http(ascii("GET /update?x=1 HTTP/1.0.8\r\nHost: 192.0.2.7\r\n\r\n"));

    assertThat(request.version()).isEqualTo("HTTP/1.0.8");
    assertThat(request.host()).isEqualTo("192.0.2.7");
  }

  @Test
  void shouldIgnoreTrailingWhitespaceAfterVersion() {
    HttpRequest request = (HttpRequest) http(ascii("GET / HTTP/1.1 \t\r\nHost: a\r\n\r\n"));

    assertThat(request.version()).isEqualTo("HTTP/1.1");
    assertThat(request.uri()).isEqualTo("/");
  }

  @Test
  void shouldReadEmptyHeaderValuesAsAbsent() {
    HttpRequest request = (HttpRequest) http(ascii("GET / HTTP/1.1\r\nHost: \r\nUser-Agent:\r\n\r\n"));

    assertThat(request.host()).isNull();
    assertThat(request.userAgent()).isNull();
    assertThat(request.complete()).isTrue();
  }

  @Test
  void shouldKeepFirstHostHeader() {
    HttpRequest request = (HttpRequest) http(ascii("GET / HTTP/1.1\r\nHost: first\r\nHost: second\r\n\r\n"));

    assertThat(request.host()).isEqualTo("first");
  }

  @Test
  void shouldReadTargetWithSpacesToLastSpace() {
    HttpRequest request = (HttpRequest) http(ascii("GET /a b HTTP/1.1\r\n\r\n"));

    assertThat(request.uri()).isEqualTo("/a b");
  }

  @Test
  void shouldMarkHeadersCutBySegmentIncomplete() {
    HttpRequest request = (HttpRequest) http(cut(GET, 62)); // inside the User-Agent line

    assertThat(request.host()).isEqualTo("www.example.com:8080");
    assertThat(request.userAgent()).isNull();
    assertThat(request.complete()).isFalse();
  }

  @Test
  void shouldKeepMethodWhenRequestLineCut() {
    assertThat(http(cut(GET, 10))).isEqualTo(new HttpRequest("GET", null, null, null, null, false));
  }

  @Test
  void shouldKeepStatusWhenStatusLineCut() {
    assertThat(http(cut(RESPONSE, 14))).isEqualTo(new HttpResponse("HTTP/1.0", 404, null, false));
  }

  @Test
  void shouldCapFieldsAt2048Characters() {
    String longAgent = "x".repeat(5000);
    HttpRequest request = (HttpRequest) http(ascii("GET / HTTP/1.1\r\nUser-Agent: " + longAgent + "\r\n\r\n"));

    assertThat(request.userAgent()).hasSize(HttpParser.MAX_FIELD_LENGTH);
    assertThat(request.complete()).isTrue();
  }

  @Test
  void shouldStopReadingAfterMaxHeadLength() {
    String filler = ("X-Filler: " + "y".repeat(1000) + "\r\n").repeat(20);
    HttpRequest request = (HttpRequest) http(ascii("GET / HTTP/1.1\r\n" + filler + "Host: late\r\n\r\n"));

    assertThat(request.host()).isNull();
    assertThat(request.complete()).isFalse();
  }

  @Test
  void shouldRejectBinaryGarbage() {
    assertThat(http(bytes("16030100a5010000a10303"))).isNull(); // a TLS record
    assertThat(http(bytes("00000000000000000000"))).isNull();
    assertThat(http(bytes("474554"))).isNull(); // "GET" alone: too short to tell
  }

  @Test
  void shouldRejectUnknownMethodsAndOtherProtocols() {
    assertThat(http(ascii("FETCH / HTTP/1.1\r\n\r\n"))).isNull(); // not a method tshark knows
    assertThat(http(ascii("get / HTTP/1.1\r\n\r\n"))).isNull(); // methods are case-sensitive
    assertThat(http(ascii("OPTIONS rtsp://cam/ RTSP/1.0\r\n\r\n"))).isNull(); // RTSP
    assertThat(http(ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"))).isNull(); // the HTTP/2 preface
    assertThat(http(ascii("GET /\r\n"))).isNull(); // HTTP/0.9
    assertThat(http(ascii("GET / HTTP/1.\r\n\r\n"))).isNull(); // no minor version
    assertThat(http(ascii("GET /\u0000 HTTP/1.1\r\n\r\n"))).isNull(); // control character
    assertThat(http(ascii("GET /\u0001"))).isNull(); // control character in a cut line
    assertThat(http(ascii("GETTING / HTTP/1.1\r\n"))).isNull(); // no space after the method
  }

  @Test
  void shouldRejectMalformedStatusLines() {
    assertThat(http(ascii("HTTP/1.1 20x OK\r\n"))).isNull(); // not three digits
    assertThat(http(ascii("HTTP/1.1 2000 OK\r\n"))).isNull(); // four digits
    assertThat(http(ascii("HTTP/1.1  200 OK\r\n"))).isNull(); // two spaces
    assertThat(http(ascii("HTTP/2 200\r\n\r\n"))).isNull(); // not HTTP/1.x
    assertThat(http(ascii("HTTP/1.1 20"))).isNull(); // cut inside the code
  }
}
