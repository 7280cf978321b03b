package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.report.ReportStore;
import io.netanal.testing.TestData;
import java.awt.image.BufferedImage;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code export} and {@code chart} on a real capture of the shared corpus (500 frames of an Android phone). */
class ExportChartCorpusTest {
  private static final String CAPTURE = "ndpi/android.pcap";
  @TempDir Path dir;
  private Path capture;
  private JsonNode oracle;

  @BeforeEach
  void findCapture() throws Exception {
    capture = TestData.pcaps().resolve(CAPTURE);
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(TestData.oracle())) {
      if (line.contains("\"path\":\"" + CAPTURE + "\"")) {
        oracle = json.readTree(line);
      }
    }
    assertThat(oracle).as("oracle line of " + CAPTURE).isNotNull();
  }

  @Test
  void shouldExportEveryPacketAsCsvRowsThatParse() throws Exception {
    ExportCommand command = new ExportCommand();
    Path out = dir.resolve("packets.csv");

    assertThat(new CommandRunner(command).run("--packets", "--csv", "-o", out.toString(), capture.toString()))
        .isZero();

    try (Reader in = Files.newBufferedReader(out)) {
      List<CSVRecord> rows = CSVParser.parse(in,
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()).getRecords();
      assertThat(rows).hasSize(oracle.get("packets").asInt());
      assertThat(rows.get(0).get("timestamp")).isEqualTo(oracle.get("first_ts_text").asText());
      assertThat(rows.get(rows.size() - 1).get("timestamp")).isEqualTo(oracle.get("last_ts_text").asText());
      assertThat(rows.stream().mapToLong(r -> Long.parseLong(r.get("length"))).sum())
          .isEqualTo(oracle.get("wire_bytes").asLong());
      assertThat(rows.stream().filter(r -> !r.get("source").isEmpty()).count()).isGreaterThan(400);
    }
  }

  @Test
  void shouldExportEveryPacketAsJsonLines() throws Exception {
    CommandRunner runner = new CommandRunner(new ExportCommand());

    assertThat(runner.run("--packets", capture.toString())).isZero();

    String[] lines = runner.out.toString().split("\n");
    assertThat(lines).hasSize(oracle.get("packets").asInt());
    ObjectMapper json = new ObjectMapper();
    Set<String> protocols = new HashSet<>();
    for (String line : lines) {
      protocols.add(json.readTree(line).get("protocol").asText());
    }
    assertThat(protocols).contains("tcp", "dns");
  }

  @Test
  void shouldExportTheReportOfACaptureWithTheDocumentedFields() throws Exception {
    CommandRunner runner = new CommandRunner(new ExportCommand());

    assertThat(runner.run("--json", capture.toString())).isZero();

    JsonNode report = new ObjectMapper().readTree(runner.out.toString());
    assertThat(report.get("schema").asText()).isEqualTo("netanal.report/1");
    assertThat(report.get("source").get("name").asText()).isEqualTo(capture.toString());
    assertThat(report.get("summary").get("packets").asLong()).isEqualTo(oracle.get("packets").asLong());
    assertThat(report.get("summary").get("bytes").asLong()).isEqualTo(oracle.get("wire_bytes").asLong());
    assertThat(report.has("capture")).isFalse();
    assertThat(report.get("endpoints")).hasSize(report.get("endpointsTotal").asInt());
  }

  @ParameterizedTest
  @ValueSource(strings = {"protocols", "bandwidth", "talkers", "sizes"})
  void shouldChartACaptureFile(String chart) throws Exception {
    ChartCommand command = new ChartCommand();
    command.store = new ReportStore(dir.resolve("state"));
    Path png = dir.resolve(chart + ".png");
    CommandRunner runner = new CommandRunner(command);

    assertThat(runner.run(chart, "-o", png.toString(), capture.toString())).isZero();

    assertThat(runner.out.toString()).isEqualTo(png + System.lineSeparator());
    assertThat(runner.err.toString()).isEmpty();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(image.getHeight()).isEqualTo(700);
    Set<Integer> colours = new HashSet<>();
    long nonWhite = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        nonWhite += rgb == 0xffffff ? 0 : 1;
      }
    }
    assertThat(colours.size()).isGreaterThan(20);
    assertThat(nonWhite).isGreaterThan(1200L * 700 / 50);
  }
}
