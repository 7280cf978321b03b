package io.netanal.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.analysis.FileAnalyses;
import io.netanal.detect.Alert;
import io.netanal.detect.DetectionPipeline;
import io.netanal.detect.DetectionSettings;
import io.netanal.flow.FlowRecord;
import io.netanal.flow.FlowTableOptions;
import io.netanal.serve.TestCollector.Answer;
import io.netanal.testing.TestData;
import io.netanal.testing.TestDatabases;
import io.netanal.window.WindowSizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An ingested capture's flow records and alerts reach {@code /api/flows} and {@code /api/alerts}, equal to what
 * the {@code analyze} engine makes of the same file, on SQLite and on a real PostgreSQL.
 */
@Timeout(120)
class IngestFlowsAlertsTest {
  @TempDir Path data;

  /** The corpus' nmap SYN scan: {@code CorpusAlertsTest} lists its one port-scan alert. */
  private static Path synscan() {
    Path file = TestData.pcaps().resolve("chrissanders-packets/synscan.pcapng");
    TestData.require(Files.isRegularFile(file), "corpus file missing: chrissanders-packets/synscan.pcapng");
    return file;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void shouldServeTheFlowsAndThePortScanAlertOfAnIngestedScanAsAnalyzeFindsThem(String kind) throws Exception {
    Path scan = synscan();
    List<FlowRecord> expectedFlows = new ArrayList<>();
    DetectionPipeline detection = new DetectionPipeline(WindowSizes.parse(WindowSizes.DEFAULT),
        DetectionSettings.defaults(), null, null);
    CaptureFileAnalysis engine = FileAnalyses.create(AnalysisOptions.defaults(), "x",
        FlowTableOptions.DEFAULT_MAX_FLOWS, true, detection, List.of(expectedFlows::add), List.of());
    engine.add(scan);
    List<Alert> expectedAlerts = FileAnalyses.detected(engine.result(), detection).report().alerts();
    assertThat(expectedAlerts).extracting(Alert::type, Alert::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("port-scan", "172.16.0.8"));
    assertThat(expectedFlows.size()).isBetween(1000, QueryParams.MAX_LIMIT);

    String schema = kind.equals("postgresql") ? TestDatabases.freshPostgresSchema() : null;
    try (TestCollector collector = new TestCollector(data, schema, null, 64 << 20, 2)) {
      Answer ingest = collector.post(Files.readAllBytes(scan), "X-Netanal-Sensor", "tap-1", "Idempotency-Key",
          "scan-1");
      Answer retry = collector.post(Files.readAllBytes(scan), "X-Netanal-Sensor", "tap-1", "Idempotency-Key",
          "scan-1");

      assertThat(ingest.status()).as(ingest.body()).isEqualTo(200);
      assertThat(ingest.json().get("flows").asInt()).isEqualTo(expectedFlows.size());
      assertThat(ingest.json().get("flowsOmitted").asLong()).isZero();
      assertThat(ingest.json().get("alerts").asInt()).isEqualTo(1);
      assertThat(retry.json().get("duplicate").asBoolean()).isTrue();
      JsonNode flows = collector.get("/api/flows?limit=" + QueryParams.MAX_LIMIT).json();
      assertThat(flows).hasSize(expectedFlows.size()); // the retry stored nothing
      long packets = 0;
      for (JsonNode f : flows) {
        packets += f.get("packets").asLong();
      }
      assertThat(packets).isEqualTo(expectedFlows.stream().mapToLong(FlowRecord::packets).sum());
      assertThat(flows).anySatisfy(f -> {
        assertThat(f.get("sensor").asText()).isEqualTo("tap-1");
        assertThat(f.get("protocol").asText()).isEqualTo("tcp");
        assertThat(f.get("sourceAddress").asText()).isEqualTo("172.16.0.8");
        assertThat(f.get("destinationAddress").asText()).isEqualTo("64.13.134.52");
      });
      JsonNode alerts = collector.get("/api/alerts").json();
      assertThat(alerts).hasSize(1);
      Alert expected = expectedAlerts.get(0);
      assertThat(alerts.get(0).get("kind").asText()).isEqualTo("port-scan");
      assertThat(alerts.get(0).get("address").asText()).isEqualTo("172.16.0.8");
      assertThat(alerts.get(0).get("severity").asText()).isEqualTo(expected.severity());
      assertThat(alerts.get(0).get("message").asText()).isEqualTo(expected.summary());
      assertThat(alerts.get(0).get("time").asText()).isEqualTo(expected.start());
      assertThat(alerts.get(0).get("sensor").asText()).isEqualTo("tap-1");
    } finally {
      if (schema != null) {
        TestDatabases.dropSchema(schema);
      }
    }
  }
}
