package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowsCommandTest {
  /** A loopback capture: DNS over UDP, three HTTP and two TLS connections, NTP, ICMP port unreachable. */
  private static final Path SAMPLE = Path.of("src/test/resources/pcaps/loopback-sample.pcapng");
  private static final String NL = System.lineSeparator();
  private static final ObjectMapper JSON = new ObjectMapper();
  private CommandRunner runner;

  private int run(String... args) {
    runner = new CommandRunner(new FlowsCommand());
    return runner.run(args);
  }

  private List<JsonNode> lines() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : runner.out.toString().split("\\R")) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  @Test
  void shouldStreamOneJsonRecordPerFlow() throws IOException {
    assertThat(run("--json", SAMPLE.toString())).isZero();
    List<JsonNode> flows = lines();
    assertThat(flows).hasSize(10);
    JsonNode http = flows.stream().filter(f -> f.get("respPort").asInt() == 8080).findFirst().orElseThrow();
    assertThat(http.get("source").asText()).isEqualTo(SAMPLE.toString());
    assertThat(http.get("proto").asText()).isEqualTo("tcp");
    assertThat(http.get("service").asText()).isEqualTo("http");
    assertThat(http.get("state").asText()).isEqualTo("SF");
    assertThat(http.get("history").asText()).isEqualTo("ShADadfF");
    assertThat(http.get("end").asText()).isEqualTo("fin");
    assertThat(http.get("communityId").asText()).startsWith("1:");
    assertThat(http.get("ts").asText()).matches("\\d+\\.\\d{9}");
    assertThat(runner.err.toString()).isEmpty();
  }

  @Test
  void shouldCarryDnsTlsAndHttpMetadataFromTheFirstPayloadPackets() throws IOException {
    assertThat(run("--json", SAMPLE.toString())).isZero();
    List<JsonNode> flows = lines();
    JsonNode dns = flows.stream().filter(f -> f.get("state").asText().equals("SF") && f.get("respPort").asInt() == 53)
        .findFirst().orElseThrow();
    assertThat(dns.get("dns")).hasSize(3);
    assertThat(dns.get("dns").get(0).get("query").asText()).isEqualTo("example.com");
    assertThat(dns.get("dns").get(0).get("rcode").asInt()).isZero();
    assertThat(dns.get("dns").get(0).get("answers").get(0).asText()).isEqualTo("127.0.0.1");
    JsonNode unanswered = flows.stream().filter(f -> f.get("state").asText().equals("S0")
        && f.get("respPort").asInt() == 53).findFirst().orElseThrow();
    assertThat(unanswered.get("dns").get(0).get("rcode").isNull()).isTrue();
    JsonNode http = flows.stream().filter(f -> f.get("http").has("uri")
        && f.get("http").get("uri").asText().equals("/missing")).findFirst().orElseThrow();
    assertThat(http.get("http").get("method").asText()).isEqualTo("GET");
    assertThat(http.get("http").get("status").asInt()).isEqualTo(404);
    assertThat(http.get("http").get("userAgent").asText()).isEqualTo("curl/7.88.1");
    JsonNode tls = flows.stream().filter(f -> f.get("respPort").asInt() == 443).findFirst().orElseThrow();
    assertThat(tls.get("tls").get("version").asText()).isEqualTo("TLSv1.3");
    assertThat(tls.get("tls").get("ja3").asText()).matches("[0-9a-f]{32}");
  }

  @Test
  void shouldNameEachFileInSource() throws IOException {
    assertThat(run("--json", "--state", "SF", SAMPLE.toString(), SAMPLE.toString())).isZero();
    assertThat(lines()).hasSize(12).allSatisfy(f -> assertThat(f.get("state").asText()).isEqualTo("SF"));
  }

  @Test
  void shouldWriteCsvWithTheFlowFieldsAsHeader() {
    assertThat(run("--csv", "--service", "tls", SAMPLE.toString())).isZero();
    String[] rows = runner.out.toString().split("\\R");
    assertThat(rows[0]).startsWith("source,ts,lastTs,duration,origAddress,origPort,respAddress,respPort,proto,");
    assertThat(rows).hasSize(3);
    assertThat(rows[1]).contains(",443,tcp,,tls,");
  }

  @Test
  void shouldKeepTheTopFlowsInOrder() throws IOException {
    assertThat(run("--json", "--sort", "packets", "--top", "2", SAMPLE.toString())).isZero();
    List<JsonNode> flows = lines();
    assertThat(flows).hasSize(2);
    assertThat(flows).allSatisfy(f -> assertThat(f.get("respPort").asInt()).isEqualTo(443));
  }

  @Test
  void shouldPrintATableOnTheConsole() {
    assertThat(run(SAMPLE.toString())).isZero();
    assertThat(runner.out.toString()).contains("flows  10 (SF 6, S0 3, OTH 1)")
        .contains("originator").contains("127.0.0.1:50740");
  }

  @Test
  void shouldRejectAnUnknownSortKey() {
    assertThat(run("--sort", "size", SAMPLE.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString())
        .isEqualTo("netanal: --sort: size (expected: packets, bytes, duration or start)" + NL);
  }

  @Test
  void shouldRejectJsonWithCsv() {
    assertThat(run("--json", "--csv", SAMPLE.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: --json and --csv: both given (expected: at most one)" + NL);
  }

  @Test
  void shouldRejectAnUnknownState() {
    assertThat(run("--state", "XX", SAMPLE.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).startsWith("netanal: --state: XX (expected: one of S0, S1, SF, REJ");
  }

  @Test
  void shouldReportAMissingFileAndGoOn() throws IOException {
    assertThat(run("--json", "nosuch.pcap", SAMPLE.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: nosuch.pcap: no such file" + NL);
    assertThat(lines()).hasSize(10);
  }

  @Test
  void shouldRejectAZeroFlowLimit() {
    assertThat(run("--max-flows", "0", SAMPLE.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: --max-flows: 0 (expected: >= 1)" + NL);
  }
}
