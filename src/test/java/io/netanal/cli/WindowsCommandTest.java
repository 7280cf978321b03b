package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.report.ReportStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netanal windows}, and the detection options of {@code analyze}, on the project's loopback sample. */
class WindowsCommandTest {
  private static final Path SAMPLE = Path.of("src/test/resources/pcaps/loopback-sample.pcapng");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static List<JsonNode> lines(CommandRunner runner) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : runner.out.toString().split("\\R")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  @Test
  void shouldStreamOneWindowRecordPerAddressAndWindowAsJsonLines() throws IOException {
    CommandRunner runner = CommandRunner.netanal();
    assertThat(runner.run("windows", "--json", "--windows", "5s", SAMPLE.toString())).isZero();

    List<JsonNode> records = lines(runner);
    assertThat(records).isNotEmpty().allSatisfy(r -> {
      assertThat(r.get("schema").asText()).isEqualTo("netanal.window/1");
      assertThat(r.get("window").asText()).isEqualTo("5s");
      assertThat(r.get("start").asText()).endsWith("0.000000000").matches("\\d+[05]\\.0+");
    });
    long packets = records.stream().mapToLong(r -> r.get("packets").asLong()).sum();
    long received = records.stream().mapToLong(r -> r.get("packetsReceived").asLong()).sum();
    assertThat(packets).isEqualTo(received).isPositive();
    // The sample's loopback TCP connections: their handshakes, from the flow table, reach the clients' windows.
    assertThat(records).anySatisfy(r -> assertThat(r.get("rttMeanMillis").isNumber()).isTrue());
    assertThat(runner.err.toString()).isEmpty();
  }

  @Test
  void shouldWriteCsvWithAHeaderOfTheRecordFields() {
    CommandRunner runner = CommandRunner.netanal();
    assertThat(runner.run("windows", "--csv", SAMPLE.toString())).isZero();
    String[] rows = runner.out.toString().split("\r\n");
    assertThat(rows[0]).startsWith("schema,window,start,end,address,packets,bytes,packetsPerSecond,");
    assertThat(rows[1]).startsWith("netanal.window/1,5s,");
    assertThat(runner.out.toString()).contains("netanal.window/1,30s,").contains("netanal.window/1,3m,");
  }

  @Test
  void shouldRejectABadWindowSizeWithExitCode2() {
    CommandRunner runner = CommandRunner.netanal();
    assertThat(runner.run("windows", "--windows", "5s,12s", SAMPLE.toString())).isEqualTo(2);
    assertThat(runner.err.toString()).isEqualTo("netanal: --windows: 12s (expected: sizes like 5s,30s,3m,1h, "
        + "each a multiple of 5s, at most 1d)" + System.lineSeparator());
    assertThat(runner.out.toString()).isEmpty();
  }

  @Test
  void shouldAddDetectionAndAlertsToTheAnalyzeReport() throws IOException {
    AnalyzeCommand command = new AnalyzeCommand();
    command.store = new ReportStore(dir.resolve("state"));
    CommandRunner runner = new CommandRunner(command);
    assertThat(runner.run("--json", SAMPLE.toString())).isZero();
    JsonNode report = lines(runner).get(0);
    assertThat(report.get("detection").get("windows").toString()).isEqualTo("[\"5s\",\"30s\",\"3m\"]");
    assertThat(report.get("detection").get("latePackets").asLong()).isZero();
    assertThat(report.get("alerts").size()).isZero(); // ordinary loopback traffic: nothing to raise
  }

  @Test
  void shouldRejectABadDetectFileWithExitCode2BeforeReading() throws IOException {
    Path settings = dir.resolve("detect.properties");
    Files.writeString(settings, "port-scan.ports = many\n");
    AnalyzeCommand command = new AnalyzeCommand();
    command.store = new ReportStore(dir.resolve("state"));
    CommandRunner runner = new CommandRunner(command);
    assertThat(runner.run("--detect", settings.toString(), SAMPLE.toString())).isEqualTo(2);
    assertThat(runner.err.toString()).isEqualTo("netanal: " + settings + ": port-scan.ports: many "
        + "(expected: a number > 0)" + System.lineSeparator());
    assertThat(runner.out.toString()).isEmpty();
  }

  @Test
  void shouldLeaveDetectionOutWithNoDetect() throws IOException {
    AnalyzeCommand command = new AnalyzeCommand();
    command.store = new ReportStore(dir.resolve("state"));
    CommandRunner runner = new CommandRunner(command);
    assertThat(runner.run("--json", "--no-detect", SAMPLE.toString())).isZero();
    JsonNode report = lines(runner).get(0);
    assertThat(report.has("alerts")).isFalse();
    assertThat(report.has("detection")).isFalse();
  }

  @Test
  void shouldExportTheWindowsTableOfACaptureFile() throws IOException {
    CommandRunner runner = CommandRunner.netanal();
    assertThat(runner.run("export", "--table", "windows", SAMPLE.toString())).isZero();
    assertThat(lines(runner)).isNotEmpty()
        .allSatisfy(r -> assertThat(r.get("schema").asText()).isEqualTo("netanal.window/1"));
  }
}
