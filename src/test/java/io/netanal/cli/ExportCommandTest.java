package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.report.Report;
import io.netanal.report.ReportJson;
import io.netanal.report.ReportStore;
import io.netanal.testing.SampleReports;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
  @TempDir Path dir;
  private final ExportCommand command = new ExportCommand();
  private final CommandRunner runner = new CommandRunner(command);
  private final Report report = SampleReports.fileReport("web-session.pcapng");

  @BeforeEach
  void useTemporaryStateDirectory() {
    command.store = new ReportStore(dir.resolve("state"));
  }

  @Test
  void shouldExplainHowToMakeALastReportWhenThereIsNone() {
    assertThat(runner.run("--json")).isEqualTo(2);
    assertThat(runner.err.toString()).isEqualTo("netanal: no last report: run 'netanal analyze FILE' or "
        + "'netanal capture' first, or give a SOURCE" + System.lineSeparator());
    assertThat(runner.out.toString()).isEmpty();
  }

  @Test
  void shouldExportTheLastReportAsCompactJsonByDefault() throws Exception {
    command.store.save(report);

    assertThat(runner.run()).isZero();

    String json = runner.out.toString();
    assertThat(json).endsWith("}\n").doesNotContain("\n  ");
    assertThat(new ObjectMapper().readTree(json).get("schema").asText()).isEqualTo("netanal.report/1");
    assertThat(runner.err.toString()).isEmpty();
  }

  @Test
  void shouldExportOneTableOfASavedReportSourceAsJson() throws Exception {
    Path saved = dir.resolve("saved.json");
    Files.writeString(saved, ReportJson.toJson(report, true));

    assertThat(runner.run("--json", "--table", "sizes", saved.toString())).isZero();

    JsonNode sizes = new ObjectMapper().readTree(runner.out.toString());
    assertThat(sizes.isArray()).isTrue();
    assertThat(sizes).hasSize(10);
    assertThat(sizes.get(2).get("range").asText()).isEqualTo("40-79");
  }

  @Test
  void shouldReadTheSourceGivenWithDashRButNotTogetherWithAnArgument() throws Exception {
    Path saved = dir.resolve("saved.json");
    new ReportStore(dir).save(report);
    Files.move(dir.resolve(ReportStore.FILE_NAME), saved);

    assertThat(runner.run("--json", "--table", "sizes", "-r", saved.toString())).isZero();
    assertThat(new ObjectMapper().readTree(runner.out.toString()).size()).isEqualTo(10);

    CommandRunner both = new CommandRunner(new ExportCommand());
    assertThat(both.run("-r", saved.toString(), saved.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(both.err.toString()).isEqualTo("netanal: -r: " + saved + " and SOURCE " + saved
        + " (expected: one of them)" + System.lineSeparator());
  }

  @Test
  void shouldExportProtocolsAsCsvByDefault() throws Exception {
    command.store.save(report);

    assertThat(runner.run("--csv")).isZero();

    List<CSVRecord> rows = CSVParser.parse(new StringReader(runner.out.toString()), CSVFormat.RFC4180)
        .getRecords();
    assertThat(rows.get(0).values()).containsExactly("name", "layer", "packets", "bytes");
    assertThat(rows).hasSize(11);
  }

  @Test
  void shouldWriteTheChosenTableToAFile() throws Exception {
    command.store.save(report);
    Path out = dir.resolve("endpoints.csv");

    assertThat(runner.run("--csv", "--table", "endpoints", "-o", out.toString())).isZero();

    assertThat(runner.out.toString()).isEmpty();
    assertThat(Files.readString(out)).startsWith("address,packetsSent,packetsReceived,bytesSent,bytesReceived\r\n"
        + "10.0.0.1,300,250,400000,90000\r\n");
  }

  @Test
  void shouldKeepAnExistingFileWhenTheOutputCannotBeWritten() throws Exception {
    command.store.save(report);
    Path out = dir.resolve("no-such-dir/out.json");

    assertThat(runner.run("-o", out.toString())).isEqualTo(1);

    assertThat(runner.err.toString()).isEqualTo(
        "netanal: " + out + ": cannot write (No such file or directory)" + System.lineSeparator());
  }

  @Test
  void shouldRejectAnUnknownTable() {
    assertThat(runner.run("--table", "foo")).isEqualTo(2);
    assertThat(runner.err.toString()).isEqualTo("netanal: --table: foo (expected: protocols, endpoints, "
        + "conversations, bandwidth, sizes, flows, names)" + System.lineSeparator());
  }

  @Test
  void shouldRejectJsonAndCsvTogether() {
    assertThat(runner.run("--json", "--csv")).isEqualTo(2);
    assertThat(runner.err.toString()).contains("--json, --csv are mutually exclusive");
  }

  @Test
  void shouldRefusePacketsFromASavedReport() throws Exception {
    Path saved = dir.resolve("saved.json");
    Files.writeString(saved, ReportJson.toJson(report, false));

    assertThat(runner.run("--packets", saved.toString())).isEqualTo(2);
    assertThat(runner.err.toString()).isEqualTo(
        "netanal: " + saved + ": --packets needs a capture file, not a saved report" + System.lineSeparator());
  }

  @Test
  void shouldRefusePacketsWithoutASource() {
    assertThat(runner.run("--packets", "--csv")).isEqualTo(2);
    assertThat(runner.err.toString()).isEqualTo("netanal: --packets: needs a capture file SOURCE (a saved report "
        + "has no packets)" + System.lineSeparator());
  }

  @Test
  void shouldRefusePacketsWithATable() {
    assertThat(runner.run("--packets", "--table", "sizes", "x.pcap")).isEqualTo(2);
    assertThat(runner.err.toString()).isEqualTo("netanal: --packets: cannot be combined with --table sizes "
        + "(packet rows are not a report table)" + System.lineSeparator());
  }

  @Test
  void shouldSayWhenTheSourceDoesNotExist() {
    Path missing = dir.resolve("missing.pcap");

    assertThat(runner.run(missing.toString())).isEqualTo(2);
    assertThat(runner.err.toString()).isEqualTo("netanal: " + missing + ": no such file" + System.lineSeparator());
  }

  @Test
  void shouldExportWhatWasReadWarnAndExitWith2WhenTheCaptureIsCutShort() throws Exception {
    byte[] sample = Files.readAllBytes(Path.of("src/test/resources/pcaps/loopback-sample.pcapng"));
    Path cut = Files.write(dir.resolve("cut.pcapng"), java.util.Arrays.copyOf(sample, sample.length - 100));

    assertThat(runner.run("--packets", "--csv", cut.toString())).isEqualTo(2);

    assertThat(runner.out.toString().split("\\R")).hasSize(1 + 86); // header and the 86 whole frames
    assertThat(runner.err.toString()).startsWith("netanal: warning: " + cut + ": pcapng block")
        .endsWith("; the output covers the frames before it" + System.lineSeparator());
  }

  @Test
  void shouldRejectADirectoryAsSourceWithExitCode2() {
    assertThat(runner.run("--json", dir.toString())).isEqualTo(2);
    assertThat(runner.err.toString()).isEqualTo("netanal: " + dir
        + ": is a directory (expected: a capture file or a saved report)" + System.lineSeparator());
  }
}
