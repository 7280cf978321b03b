package io.netanal.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.analysis.FileAnalyses;
import io.netanal.detect.DetectionPipeline;
import io.netanal.detect.DetectionSettings;
import io.netanal.flow.FlowTableOptions;
import io.netanal.serve.TestCollector.Answer;
import io.netanal.testing.PcapFixture;
import io.netanal.testing.TestData;
import io.netanal.testing.TestDatabases;
import io.netanal.window.WindowRecord;
import io.netanal.window.WindowSizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collector detects across uploads: a sensor's uploads feed one long-lived set of windows (a window cut by a
 * spool rotation is stored once, complete; a scan split over two files is one episode), victims are judged on what
 * they received through every sensor, and a duplicate or refused upload never feeds detection.
 */
@Timeout(180)
class CrossUploadDetectionTest {
  /** The nmap SYN scan's two 5 s windows start here (973 and 1,021 SYNs from 172.16.0.8). */
  private static final long SCAN_WINDOW = 1_278_275_055L;
  private static final String SCANNER = "172.16.0.8";
  private static final long T0 = 1_700_000_000L; // a multiple of 5 s
  private static final long T180 = 1_699_999_920L; // a multiple of 180 s: every window size starts here
  private static final int VICTIM = PcapFixture.ipv4(10, 9, 9, 9);
  /** 800 SYNs in 5 s is 160/s: under ntopng's 256/s line; two sensors' 1,600 are 320/s, over it. */
  private static final int SYNS_PER_SENSOR = 800;

  @TempDir Path data;

  private static Path synscan() {
    Path file = TestData.pcaps().resolve("chrissanders-packets/synscan.pcapng");
    TestData.require(Files.isRegularFile(file), "corpus file missing: chrissanders-packets/synscan.pcapng");
    return file;
  }

  /** The scanner's record in the scan's first 5 s window, as {@code netanal windows} computes it on the whole file. */
  private static WindowRecord wholeFileRecord(Path file) throws Exception {
    List<WindowRecord> records = new ArrayList<>();
    DetectionPipeline detection = new DetectionPipeline(WindowSizes.defaults(), DetectionSettings.defaults(),
        null, w -> {
          if (w.window().equals("5s") && w.startNanos() == SCAN_WINDOW * 1_000_000_000L) {
            w.records().stream().filter(r -> r.address().equals(SCANNER)).forEach(records::add);
          }
        });
    CaptureFileAnalysis engine = FileAnalyses.create(AnalysisOptions.defaults(), "x",
        FlowTableOptions.DEFAULT_MAX_FLOWS, false, detection, List.of(), List.of());
    engine.add(file);
    engine.result();
    assertThat(records).hasSize(1);
    return records.get(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void shouldRaiseOneEpisodeAndStoreOneWholeWindowForAScanSplitOverTwoUploads(String kind) throws Exception {
    Path scan = synscan();
    WindowRecord expected = wholeFileRecord(scan);
    // Cut in the middle of the scan's first window: each part alone probes well over the port-scan line, so a
    // detector per upload would raise two episodes; and the window straddles the two files.
    List<byte[]> parts = PcapFixture.split(scan, SCAN_WINDOW * 1_000_000_000L + 2_500_000_000L);
    String schema = kind.equals("postgresql") ? TestDatabases.freshPostgresSchema() : null;
    try (TestCollector collector = new TestCollector(data, schema, null, 64 << 20, 2, 3600)) {
      Answer first = collector.post(parts.get(0), "X-Netanal-Sensor", "tap-1", "Idempotency-Key", "part-1");
      Answer second = collector.post(parts.get(1), "X-Netanal-Sensor", "tap-1", "Idempotency-Key", "part-2");
      Answer retry = collector.post(parts.get(0), "X-Netanal-Sensor", "tap-1", "Idempotency-Key", "part-1");
      // The sensor's next file, ten minutes on, passes (and so closes) every window of the scan.
      Answer next = collector.post(closer(SCAN_WINDOW + 600), "X-Netanal-Sensor", "tap-1", "Idempotency-Key",
          "part-3");

      assertThat(first.status()).as(first.body()).isEqualTo(200);
      assertThat(second.status()).as(second.body()).isEqualTo(200);
      assertThat(second.json().get("latePackets").asLong()).isZero();
      assertThat(retry.json().get("duplicate").asBoolean()).isTrue();
      assertThat(next.json().get("alerts").asInt() + second.json().get("alerts").asInt()
          + first.json().get("alerts").asInt()).isEqualTo(1);
      JsonNode alerts = collector.get("/api/alerts").json();
      assertThat(alerts).as(alerts.toString()).hasSize(1);
      assertThat(alerts.get(0).get("kind").asText()).isEqualTo("port-scan");
      assertThat(alerts.get(0).get("address").asText()).isEqualTo(SCANNER);
      assertThat(alerts.get(0).get("sensor").asText()).isEqualTo("tap-1");
      JsonNode rows = collector.get("/api/features?window=5s&address=" + SCANNER + "&from=" + SCAN_WINDOW
          + "&to=" + (SCAN_WINDOW + 5)).json();
      assertThat(rows).as(rows.toString()).hasSize(1);
      JsonNode row = rows.get(0);
      assertThat(row.get("sensor").asText()).isEqualTo("tap-1");
      assertThat(row.get("startSeconds").asLong()).isEqualTo(SCAN_WINDOW);
      assertThat(row.get("packets").asLong()).isEqualTo(expected.packets());
      assertThat(row.get("bytes").asLong()).isEqualTo(expected.bytes());
      assertThat(row.get("tcpSyn").asLong()).isEqualTo(expected.tcpSyn());
      assertThat(row.get("distinctDstPorts").asLong()).isEqualTo(expected.distinctDstPorts());
      assertThat(row.get("flowsFailed").asLong()).isEqualTo(expected.flowsFailed());
      assertThat(row.get("tcpRstReceived").asLong()).isEqualTo(expected.tcpRstReceived());
      assertThat(row.get("probes").asLong()).isEqualTo(expected.probes());
    } finally {
      if (schema != null) {
        TestDatabases.dropSchema(schema);
      }
    }
  }

  /** {@link #SYNS_PER_SENSOR} SYNs to the victim's port 80 in the 5 s window at T0, from sources 10.{net}.x.y. */
  private static byte[] synsFrom(int net) {
    PcapFixture pcap = PcapFixture.ethernet(SYNS_PER_SENSOR);
    for (int i = 0; i < SYNS_PER_SENSOR; i++) {
      int source = PcapFixture.ipv4(10, net, i / 250, 1 + i % 250);
      pcap.frame(T0 * 1_000_000_000L + i * (5_000_000_000L / SYNS_PER_SENSOR),
          PcapFixture.tcp(source, VICTIM, 40_000 + i, 80, 0x02));
    }
    return pcap.bytes();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void shouldRaiseOneSynFloodForAVictimHitThroughTwoSensorsEachUnderTheLine(String kind) throws Exception {
    String schema = kind.equals("postgresql") ? TestDatabases.freshPostgresSchema() : null;
    try (TestCollector collector = new TestCollector(data, schema, null, 64 << 20, 2, 3600)) {
      Answer a = collector.post(synsFrom(1), "X-Netanal-Sensor", "edge-a", "Idempotency-Key", "a-1");
      Answer b = collector.post(synsFrom(2), "X-Netanal-Sensor", "edge-b", "Idempotency-Key", "b-1");
      // Each sensor's next file passes the flood's window: closed by both, the merged window closes.
      collector.post(closer(T0 + 600), "X-Netanal-Sensor", "edge-a", "Idempotency-Key", "a-2");
      Answer bNext = collector.post(closer(T0 + 600), "X-Netanal-Sensor", "edge-b", "Idempotency-Key", "b-2");

      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(b.status()).as(b.body()).isEqualTo(200);
      assertThat(bNext.json().get("alerts").asInt()).isEqualTo(1); // raised when the last sensor passed it
      JsonNode alerts = collector.get("/api/alerts").json();
      assertThat(alerts).as(alerts.toString()).hasSize(1);
      assertThat(alerts.get(0).get("kind").asText()).isEqualTo("syn-flood");
      assertThat(alerts.get(0).get("address").asText()).isEqualTo("many");
      assertThat(alerts.get(0).get("message").asText()).startsWith("10.9.9.9 received 1,600 SYNs");
      assertThat(Arrays.asList(alerts.get(0).get("sensor").asText().split(",")))
          .containsExactlyInAnyOrder("edge-a", "edge-b");
      // Each sensor's own window of the victim is stored as that sensor saw it.
      JsonNode victim = collector.get("/api/features?window=5s&address=10.9.9.9&to=" + (T0 + 5)).json();
      assertThat(victim).hasSize(2);
      assertThat(victim).allSatisfy(r -> assertThat(r.get("tcpSynReceived").asLong())
          .isEqualTo(SYNS_PER_SENSOR));
    } finally {
      if (schema != null) {
        TestDatabases.dropSchema(schema);
      }
    }
  }

  /** A sensor's next file: one SYN between two bystanders at {@code seconds}. */
  private static byte[] closer(long seconds) {
    return PcapFixture.ethernet(1).frame(seconds * 1_000_000_000L, PcapFixture.tcp(PcapFixture.ipv4(192, 0, 2, 1),
        PcapFixture.ipv4(192, 0, 2, 2), 40_000, 22, 0x02)).bytes();
  }

  /**
   * 40 DNS responses of 1,000 bytes from resolvers 10.{net}.0.x to the victim, which asked nothing, spread over the
   * 30 s window at T180: 40 KB, under the 64 KiB line in any window; two sensors' 80 KB cross it over 30 s.
   */
  private static byte[] dnsResponsesFrom(int net) {
    byte[] dns = new byte[1000];
    dns[2] = (byte) 0x81; // flags: QR response, opcode 0 (query), RD
    dns[3] = (byte) 0x80; // RA, rcode 0
    dns[5] = 1;           // QDCOUNT 1; the rest is zero padding
    PcapFixture pcap = PcapFixture.ethernetBytes(40 * (16 + 42 + dns.length));
    for (int i = 0; i < 40; i++) {
      pcap.frame(T180 * 1_000_000_000L + i * 750_000_000L,
          PcapFixture.udp(PcapFixture.ipv4(10, net, 0, 1 + i % 4), VICTIM, 53, 40_000 + i, dns));
    }
    return pcap.bytes();
  }

  @Test
  void shouldRaiseOneDnsAmplificationOverAThirtySecondWindowOfTwoSensors() throws Exception {
    try (TestCollector collector = new TestCollector(data, null, null, 64 << 20, 2, 3600)) {
      collector.post(dnsResponsesFrom(1), "X-Netanal-Sensor", "edge-a", "Idempotency-Key", "a-1");
      collector.post(dnsResponsesFrom(2), "X-Netanal-Sensor", "edge-b", "Idempotency-Key", "b-1");
      collector.post(closer(T0 + 600), "X-Netanal-Sensor", "edge-a", "Idempotency-Key", "a-2");
      collector.post(closer(T0 + 600), "X-Netanal-Sensor", "edge-b", "Idempotency-Key", "b-2");

      JsonNode alerts = collector.get("/api/alerts").json();
      assertThat(alerts).as(alerts.toString()).hasSize(1);
      assertThat(alerts.get(0).get("kind").asText()).isEqualTo("dns-amplification");
      assertThat(alerts.get(0).get("message").asText()).startsWith("10.9.9.9 received 80.0 kB in 80 DNS responses");
      assertThat(Arrays.asList(alerts.get(0).get("sensor").asText().split(",")))
          .containsExactlyInAnyOrder("edge-a", "edge-b");
    }
  }

  /** {@code count} SYNs from 10.1.0.1 to the victim, 1 ms apart from {@code startSeconds}. */
  private static byte[] synsAt(long startSeconds, int count) {
    PcapFixture pcap = PcapFixture.ethernet(count);
    for (int i = 0; i < count; i++) {
      pcap.frame(startSeconds * 1_000_000_000L + i * 1_000_000L,
          PcapFixture.tcp(PcapFixture.ipv4(10, 1, 0, 1), VICTIM, 40_000 + i, 80, 0x02));
    }
    return pcap.bytes();
  }

  @Test
  void shouldCloseAWindowWhenALaterUploadPassesItAndCountAnOlderUploadLate() throws Exception {
    try (TestCollector collector = new TestCollector(data, null, null, 64 << 20, 2, 3600)) {
      Answer first = collector.post(synsAt(T0, 3), "X-Netanal-Sensor", "edge-a", "Idempotency-Key", "t0");
      Answer later = collector.post(synsAt(T0 + 60, 4), "X-Netanal-Sensor", "edge-a", "Idempotency-Key", "t60");
      Answer older = collector.post(synsAt(T0 + 20, 5), "X-Netanal-Sensor", "edge-a", "Idempotency-Key", "t20");

      assertThat(first.json().get("features").asInt()).isZero(); // its windows are still open
      assertThat(later.json().get("features").asInt()).isPositive(); // its packets passed T0's windows
      JsonNode stored = collector.get("/api/features?window=5s&address=10.1.0.1").json();
      assertThat(stored).hasSize(1);
      assertThat(stored.get(0).get("startSeconds").asLong()).isEqualTo(T0);
      assertThat(stored.get(0).get("tcpSyn").asLong()).isEqualTo(3);
      // Older than the open windows: stored in the window tables, counted late, not detected on.
      assertThat(older.status()).isEqualTo(200);
      assertThat(older.json().get("latePackets").asLong()).isEqualTo(5);
      assertThat(collector.get("/api/summary").json().get("packets").asLong()).isEqualTo(12);
    }
  }

  @Test
  void shouldCloseAndStoreEverySensorsOpenWindowsAtShutdown() throws Exception {
    try (TestCollector collector = new TestCollector(data, null, null, 64 << 20, 2, 3600)) {
      collector.post(synsAt(T0, 3), "X-Netanal-Sensor", "edge-a", "Idempotency-Key", "t0");
      assertThat(collector.get("/api/features?window=5s").json()).isEmpty(); // open until the sensor moves on
    }
    try (TestCollector reopened = new TestCollector(data, null, null, 64 << 20, 2, 3600)) {
      JsonNode rows = reopened.get("/api/features?window=3m&address=10.1.0.1").json();
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).get("tcpSyn").asLong()).isEqualTo(3);
    }
  }

  @Test
  void shouldNeverFeedDetectionWithARefusedBodyOrADuplicate() throws Exception {
    byte[] syns = synsFrom(1);
    byte[] cut = Arrays.copyOf(syns, syns.length - 10); // the last frame cut short: 799 whole SYNs before it
    try (TestCollector collector = new TestCollector(data, null, null, 64 << 20, 2, 1)) {
      Answer refused = collector.post(cut, "X-Netanal-Sensor", "edge-a", "Idempotency-Key", "a-cut");
      Answer stored = collector.post(syns, "X-Netanal-Sensor", "edge-a", "Idempotency-Key", "a-1");
      Answer duplicate = collector.post(syns, "X-Netanal-Sensor", "edge-a", "Idempotency-Key", "a-1");
      collector.awaitWindowsClosed();

      assertThat(refused.status()).isEqualTo(400);
      assertThat(stored.status()).isEqualTo(200);
      assertThat(duplicate.json().get("duplicate").asBoolean()).isTrue();
      // Fed twice, or with the refused body's 799 SYNs as well, the victim would have crossed 256 SYN/s.
      JsonNode victim = collector.get("/api/features?window=5s&address=10.9.9.9").json();
      assertThat(victim).hasSize(1);
      assertThat(victim.get(0).get("tcpSynReceived").asLong()).isEqualTo(SYNS_PER_SENSOR);
      assertThat(collector.get("/api/alerts").json()).isEmpty();
    }
  }
}
