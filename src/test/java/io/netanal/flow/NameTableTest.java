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
  void shouldLearnNothingWithoutApplicationMetadata() {
    NameTable names = new NameTable();
    names.flowEnded(flow("192.0.2.7", List.of(), null, null));
    assertThat(names.entries()).isEmpty();
    assertThat(names.dropped()).isZero();
  }
}
