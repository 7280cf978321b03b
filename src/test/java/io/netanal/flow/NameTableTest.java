package io.netanal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameTableTest {
  private static FlowRecord flow(String resp, List<FlowRecord.Dns> dns, FlowRecord.Tls tls, FlowRecord.Http http) {
    return new FlowRecord("x", 0, 0, "10.0.0.1", 40000, resp, 443, 6, -1, null, 1, 1, 0, 0, 40, 40, "SF", "ShADadFf",
        "fin", "1:x", null, 0, 0, dns, 0, tls, http);
  }

  @Test
  void shouldPreferDnsAnswersThenSniThenHost() {
    NameTable names = new NameTable();
    names.flowEnded(flow("192.0.2.7", List.of(), null, new FlowRecord.Http("GET", "www.example.test:8080", "/", 200,
        null)));
    assertThat(names.name("192.0.2.7")).isEqualTo("www.example.test");
    names.flowEnded(flow("192.0.2.7", List.of(), new FlowRecord.Tls("API.example.test", null, null, null), null));
    assertThat(names.name("192.0.2.7")).isEqualTo("api.example.test");
    names.flowEnded(flow("192.0.2.53", List.of(new FlowRecord.Dns("cdn.example.test", 1, 0,
        List.of("cdn-alias.example.test", "192.0.2.7", "2001:db8::7"))), null, null));
    assertThat(names.entries()).containsExactly(
        new NameTable.Entry("192.0.2.7", "cdn.example.test", "dns"),
        new NameTable.Entry("2001:db8::7", "cdn.example.test", "dns"));
    // A later SNI does not replace a DNS answer.
    names.flowEnded(flow("192.0.2.7", List.of(), new FlowRecord.Tls("other.example.test", null, null, null), null));
    assertThat(names.name("192.0.2.7")).isEqualTo("cdn.example.test");
  }

  @Test
  void shouldReadOnlyDottedQuadsAsAddressFormatWritesThemAsNumbers() {
    assertThat(NameTable.dottedQuad("192.0.2.7")).isEqualTo(0xC0000207L);
    assertThat(NameTable.dottedQuad("0.0.0.0")).isZero();
    assertThat(NameTable.dottedQuad("255.255.255.255")).isEqualTo(0xFFFFFFFFL);
    for (String text : List.of("192.0.2.07", "256.0.0.1", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4 ", "2001:db8::1",
        "1.2.3.a", "01.2.3.4", "1.2.3.1000")) {
      assertThat(NameTable.dottedQuad(text)).as(text).isEqualTo(-1);
    }
  }

  @Test
  void shouldKeepOneEntryPerAddressWhetherNamedByNumberOrByText() {
    Flow udp = new Flow(); // as the flow table leaves an ended flow: addresses as numbers, responder 192.0.2.9
    udp.ipVersion = 4;
    udp.protocol = 17;
    udp.aLow = 0x0A000001L;
    udp.aPort = 40000;
    udp.bLow = 0xC0000209L;
    udp.bPort = 443;
    udp.origIsA = true;
    udp.firstFromA = true;
    udp.tls(new FlowRecord.Tls("Sni.example.test", null, null, null));
    FlowRecord fromNumbers = new FlowRecord(udp, "eof", "x");
    NameTable names = new NameTable();
    names.flowEnded(fromNumbers);
    names.flowEnded(flow("192.0.2.9", List.of(), null, new FlowRecord.Http("GET", "host.example.test", "/", 0,
        null))); // the same address as text: a worse source, not kept
    names.flowEnded(flow("192.0.2.53", List.of(new FlowRecord.Dns("dns.example.test", 1, 0,
        List.of("192.0.2.010"))), null, null));

    assertThat(fromNumbers.ipv4FromNumbers()).isTrue();
    assertThat(names.entries()).containsExactly(
        new NameTable.Entry("192.0.2.010", "dns.example.test", "dns"), // not a dotted quad as written: by text
        new NameTable.Entry("192.0.2.9", "sni.example.test", "sni"));
    names.flowEnded(flow("192.0.2.53", List.of(new FlowRecord.Dns("dns.example.test", 1, 0,
        List.of("192.0.2.9"))), null, null)); // a DNS answer replaces the SNI
    assertThat(names.name("192.0.2.9")).isEqualTo("dns.example.test");
    assertThat(names.name("192.0.2.010")).isEqualTo("dns.example.test");
    assertThat(names.name("192.0.2.10")).isNull();
    assertThat(names.entries()).hasSize(2);
  }

  @Test
  void shouldLearnNothingWithoutApplicationMetadata() {
    NameTable names = new NameTable();
    names.flowEnded(flow("192.0.2.7", List.of(), null, null));
    assertThat(names.entries()).isEmpty();
    assertThat(names.dropped()).isZero();
  }
}
