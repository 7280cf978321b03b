package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.report.ReportStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netanal analyze} on the project's own loopback sample capture (87 frames, written by netanal). */
class AnalyzeCommandTest {
  private static final Path SAMPLE = Path.of("src/test/resources/pcaps/loopback-sample.pcapng");
  private static final String NL = System.lineSeparator();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private CommandRunner runner;
  private ReportStore store;

  private int run(String... args) {
    AnalyzeCommand command = new AnalyzeCommand();
    store = new ReportStore(dir.resolve("state"));
    command.store = store;
    runner = new CommandRunner(command);
    return runner.run(args);
  }

  private List<JsonNode> jsonLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : runner.out.toString().split("\\R")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  private static long protocol(JsonNode report, String name) {
    for (JsonNode p : report.get("protocols")) {
      if (p.get("name").asText().equals(name)) {
        return p.get("packets").asLong();
      }
    }
    return 0;
  }

  @Test
  void shouldPrintOneJsonReportAndSaveItAsTheLastReport() throws IOException {
    assertThat(run("--json", SAMPLE.toString())).isZero();

    List<JsonNode> reports = jsonLines();
    assertThat(reports).hasSize(1);
    JsonNode report = reports.get(0);
    assertThat(report.get("schema").asText()).isEqualTo("netanal.report/1");
    assertThat(report.get("source").get("format").asText()).isEqualTo("pcapng");
    assertThat(report.get("summary").get("packets").asLong()).isEqualTo(87);
    assertThat(report.get("summary").get("bytes").asLong()).isEqualTo(15762);
    assertThat(protocol(report, "tcp")).isEqualTo(66);
    assertThat(protocol(report, "dns")).isEqualTo(8);
    assertThat(report.has("capture")).as("capture block is for live reports only").isFalse();
    assertThat(store.load()).get().extracting(r -> r.summary().packets()).isEqualTo(87L);
    assertThat(runner.err.toString()).isEmpty();
  }

  @Test
  void shouldPrintOneJsonLinePerFileOrOneMergedReport() throws IOException {
    assertThat(run("--json", SAMPLE.toString(), SAMPLE.toString())).isZero();
    assertThat(jsonLines()).extracting(r -> r.get("summary").get("packets").asLong()).containsExactly(87L, 87L);

    assertThat(run("--json", "--merge", SAMPLE.toString(), SAMPLE.toString())).isZero();
    List<JsonNode> merged = jsonLines();
    assertThat(merged).hasSize(1);
    assertThat(merged.get(0).get("summary").get("packets").asLong()).isEqualTo(174);
  }

  @Test
  void shouldReadFilesGivenWithDashRAsTcpdumpDoes() throws IOException {
    assertThat(run("--json", "-r", SAMPLE.toString())).isZero();
    assertThat(jsonLines()).extracting(r -> r.get("summary").get("packets").asLong()).containsExactly(87L);

    assertThat(run("--json", "--merge", "-r", SAMPLE.toString(), SAMPLE.toString())).isZero();
    assertThat(jsonLines()).extracting(r -> r.get("summary").get("packets").asLong()).containsExactly(174L);
  }

  @Test
  void shouldAskForAFileWhenNeitherAnArgumentNorDashRGivesOne() {
    assertThat(run("--json")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).startsWith("netanal: Missing required parameter: 'FILE' (or -r FILE)" + NL);
  }

  @Test
  void shouldKeepOnlyWhatTheFilterFlagsSelect() throws IOException {
    assertThat(run("--json", "--udp", SAMPLE.toString())).isZero();

    JsonNode report = jsonLines().get(0);
    assertThat(report.get("source").get("filter").asText()).isEqualTo("udp");
    assertThat(report.get("summary").get("packets").asLong()).isEqualTo(20);
    assertThat(protocol(report, "tcp")).isZero();
  }

  @Test
  void shouldReportTheOtherFilesAndExitWith2WhenOneIsNotACapture() throws IOException {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "hello");

    assertThat(run("--json", notes.toString(), SAMPLE.toString())).isEqualTo(ExitCodes.INVALID_INPUT);

    assertThat(jsonLines()).hasSize(1);
    assertThat(runner.err.toString())
        .isEqualTo("netanal: " + notes + ": not a pcap or pcapng file (magic 0x68656c6c)" + NL);
  }

  @Test
  void shouldReportTheFramesBeforeTheDamageWarnAndExitWith2WhenAFileIsCutShort() throws IOException {
    byte[] whole = Files.readAllBytes(SAMPLE);
    Path cut = Files.write(dir.resolve("cut.pcapng"), Arrays.copyOf(whole, whole.length - 100));

    assertThat(run("--json", cut.toString())).isEqualTo(ExitCodes.INVALID_INPUT);

    assertThat(jsonLines().get(0).get("summary").get("packets").asLong()).isEqualTo(86);
    assertThat(runner.err.toString()).startsWith("netanal: warning: " + cut + ": pcapng block")
        .endsWith("; the report covers the frames before it" + NL);
  }

  @Test
  void shouldReadStandardInputForADash() throws IOException {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(Files.readAllBytes(SAMPLE)));
      assertThat(run("--json", "-")).isZero();
    } finally {
      System.setIn(stdin);
    }
    JsonNode report = jsonLines().get(0);
    assertThat(report.get("source").get("name").asText()).isEqualTo("(standard input)");
    assertThat(report.get("summary").get("packets").asLong()).isEqualTo(87);
  }

  @Test
  void shouldRenderTheSummaryAndTablesOnTheConsole() {
    assertThat(run(SAMPLE.toString())).isZero();

    assertThat(runner.out.toString()).contains("── Summary", "  packets     87", "── Protocols", "── Top talkers",
        "127.0.0.1", "── Bandwidth", "── Packet sizes");
    assertThat(runner.out.toString()).doesNotContain("\u001b[");
  }

  @Test
  void shouldRejectANonPositiveIntervalWithExitCode2() {
    assertThat(run("--interval", "0", SAMPLE.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: --interval: 0.0 (expected: > 0 seconds)" + NL);
  }

  @Test
  void shouldNameAMissingFileAndExitWith2() {
    assertThat(run("nosuch.pcap")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: nosuch.pcap: no such file" + NL);
  }

  @Test
  void shouldGiveTheSameBaseReportWithoutFlowsNamesWindowsOrAlertsWithNoFlows() throws IOException {
    assertThat(run("--json", SAMPLE.toString())).isZero();
    JsonNode full = jsonLines().get(0);

    assertThat(run("--json", "--no-flows", SAMPLE.toString())).isZero();

    JsonNode base = jsonLines().get(0);
    assertThat(base.has("flows")).isFalse();
    assertThat(base.has("names")).isFalse();
    assertThat(base.has("detection")).isFalse();
    assertThat(base.has("alerts")).isFalse();
    for (String section : List.of("source", "summary", "protocols", "endpoints", "conversations", "bandwidth",
        "sizes", "tcpFlags", "decode")) {
      assertThat(base.get(section)).as(section).isEqualTo(full.get(section));
    }
    assertThat(runner.err.toString()).isEmpty();
  }

  @Test
  void shouldRenderTheConsoleReportWithoutAFlowsSectionWithNoFlows() {
    assertThat(run("--no-flows", SAMPLE.toString())).isZero();

    assertThat(runner.out.toString()).contains("── Summary", "  packets     87", "── Top talkers");
    assertThat(runner.out.toString()).doesNotContain("── Flows", "── Alerts");
  }

  @Test
  void shouldRejectNoFlowsWithWindowsOrDetectWithExitCode2() {
    assertThat(run("--no-flows", "--windows", "5s", SAMPLE.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: --no-flows: cannot be combined with --windows (windows "
        + "and alerts are built on flows)" + NL);
    assertThat(runner.out.toString()).isEmpty();
  }
}
