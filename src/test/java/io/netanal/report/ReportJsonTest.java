package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.UnreadableFileException;
import io.netanal.testing.SampleReports;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {
  @TempDir Path dir;

  @Test
  void shouldReadBackEveryFieldOfAFileReport() throws Exception {
    Report report = SampleReports.fileReport("web, \"session\".pcapng");
    Path file = dir.resolve("r.json");
    Files.writeString(file, ReportJson.toJson(report, true));

    assertThat(ReportJson.read(file)).isEqualTo(report);
  }

  @Test
  void shouldReadBackEveryFieldOfALiveReport() throws Exception {
    Report report = SampleReports.liveReport();
    Path file = dir.resolve("r.json");
    Files.writeString(file, ReportJson.toJson(report, false));

    assertThat(ReportJson.read(file)).isEqualTo(report);
  }

  @Test
  void shouldWriteTheDocumentedFieldsInOrderAndOmitCaptureForFiles() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ReportJson.toJson(SampleReports.fileReport("a.pcap"), false));

    assertThat(fieldNames(json)).containsExactly("schema", "source", "summary", "protocols", "endpoints",
        "endpointsTotal", "endpointsOmitted", "conversations", "conversationsTotal", "conversationsOmitted",
        "bandwidth", "sizes", "tcpFlags", "decode");
    assertThat(json.get("schema").asText()).isEqualTo("netanal.report/1");
    assertThat(fieldNames(json.get("source"))).containsExactly("kind", "name", "format", "linkTypes", "snaplen",
        "filter");
    assertThat(json.get("source").get("filter").isNull()).isTrue();
    assertThat(fieldNames(json.get("summary"))).containsExactly("packets", "bytes", "capturedBytes",
        "firstTimestamp", "lastTimestamp", "durationSeconds", "packetsPerSecond", "bitsPerSecond");
    assertThat(json.get("summary").get("firstTimestamp").asText()).isEqualTo("1700000000.123456789");
    assertThat(fieldNames(json.get("protocols").get(0))).containsExactly("name", "layer", "packets", "bytes");
    assertThat(fieldNames(json.get("endpoints").get(0))).containsExactly("address", "packetsSent",
        "packetsReceived", "bytesSent", "bytesReceived");
    assertThat(fieldNames(json.get("conversations").get(0))).containsExactly("a", "b", "packetsAToB",
        "packetsBToA", "bytesAToB", "bytesBToA", "firstTimestamp", "lastTimestamp");
    assertThat(fieldNames(json.get("bandwidth"))).containsExactly("intervalSeconds", "start", "samples");
    assertThat(fieldNames(json.get("bandwidth").get("samples").get(0))).containsExactly("offsetSeconds",
        "packets", "bytes");
    assertThat(fieldNames(json.get("sizes").get(0))).containsExactly("range", "packets");
    assertThat(fieldNames(json.get("tcpFlags"))).containsExactly("syn", "synAck", "fin", "rst", "psh", "ack",
        "urg", "ece", "cwr");
    assertThat(fieldNames(json.get("decode"))).containsExactly("frames", "reasons", "examples");
  }

  @Test
  void shouldWriteCaptureCountersForLiveReports() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ReportJson.toJson(SampleReports.liveReport(), false));

    assertThat(fieldNames(json.get("capture"))).containsExactly("received", "droppedByQueue", "droppedByKernel",
        "droppedByInterface");
    assertThat(json.get("capture").get("droppedByKernel").asLong()).isEqualTo(3);
  }

  @Test
  void shouldWriteDoublesAsPlainDecimals() {
    assertThat(ReportJson.plain(12_000_000.0)).isEqualTo("12000000.0");
    assertThat(ReportJson.plain(0.0001)).isEqualTo("0.0001");
    assertThat(ReportJson.plain(1.5)).isEqualTo("1.5");
    assertThat(ReportJson.plain(1.0E-7)).isEqualTo("0.0000001");
    assertThat(ReportJson.toJson(SampleReports.fileReport("a.pcap"), false))
        .contains("\"bitsPerSecond\":200000.5").doesNotContain("E7").doesNotContain("E-");
  }

  @Test
  void shouldWriteOneCompactObjectPerLineForJsonLines() throws Exception {
    StringWriter out = new StringWriter();
    ReportJson.writeLine(SampleReports.fileReport("a.pcap"), out);
    ReportJson.writeLine(SampleReports.liveReport(), out);

    String[] lines = out.toString().split("\n", -1);
    assertThat(lines).hasSize(3);
    assertThat(lines[2]).isEmpty();
    assertThat(new ObjectMapper().readTree(lines[1]).get("source").get("kind").asText()).isEqualTo("live");
  }

  @Test
  void shouldRejectJsonWithoutSchema() throws Exception {
    Path file = dir.resolve("x.json");
    Files.writeString(file, "{\"packets\": 3}");

    assertThatThrownBy(() -> ReportJson.read(file)).isInstanceOf(UnreadableFileException.class)
        .hasMessage(file + ": not a netanal report (schema: null, expected: netanal.report/1)");
  }

  @Test
  void shouldRejectAnotherSchema() throws Exception {
    Path file = dir.resolve("x.json");
    Files.writeString(file, "{\"schema\": \"netanal.report/2\"}");

    assertThatThrownBy(() -> ReportJson.read(file)).isInstanceOf(UnreadableFileException.class)
        .hasMessage(file + ": not a netanal report (schema: netanal.report/2, expected: netanal.report/1)");
  }

  @Test
  void shouldRejectTextThatIsNotJson() throws Exception {
    Path file = dir.resolve("x.json");
    Files.write(file, "{schema".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> ReportJson.read(file)).isInstanceOf(UnreadableFileException.class)
        .hasMessageStartingWith(file + ": not a netanal report (not JSON: ")
        .hasMessageEndingWith(" at line 1, column 2)");
  }

  @Test
  void shouldRejectAReportWhoseFieldsHaveTheWrongShape() throws Exception {
    Path file = dir.resolve("x.json");
    Files.writeString(file, "{\"schema\": \"netanal.report/1\", \"protocols\": 5}");

    assertThatThrownBy(() -> ReportJson.read(file)).isInstanceOf(UnreadableFileException.class)
        .hasMessageStartingWith(file + ": damaged netanal report (");
  }

  @Test
  void shouldSayWhenTheFileIsMissing() {
    Path file = dir.resolve("missing.json");

    assertThatThrownBy(() -> ReportJson.read(file)).isInstanceOf(UnreadableFileException.class)
        .hasMessage(file + ": no such file");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
