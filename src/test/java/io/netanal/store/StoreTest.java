package io.netanal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.EnvironmentException;
import io.netanal.InvalidInputException;
import io.netanal.report.NameRow;
import io.netanal.report.Report;
import io.netanal.report.Source;
import io.netanal.stats.StatisticsCollector;
import io.netanal.stats.Summary;
import io.netanal.testing.PcapFixture;
import io.netanal.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.analysis.FileAnalyses;
import io.netanal.detect.DetectionPipeline;
import io.netanal.detect.DetectionSettings;
import io.netanal.window.WindowRecord;
import io.netanal.window.WindowSizes;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store against both databases it supports: a fresh SQLite file and a fresh PostgreSQL schema per test. */
class StoreTest {
  private static final long T0 = 1_700_000_000L; // a multiple of 5 s; its 3 min window starts at 1_699_999_920

  @TempDir Path dir;
  private Store store;
  private String pgSchema;

  private Store open(String kind) throws SQLException {
    if (kind.equals("sqlite")) {
      store = new Store(Database.sqlite(dir, 4));
    } else {
      pgSchema = TestDatabases.freshPostgresSchema();
      store = new Store(Database.open(pgSchema, 4));
    }
    return store;
  }

  @AfterEach
  void close() throws SQLException {
    if (store != null) {
      store.close();
    }
    if (pgSchema != null) {
      TestDatabases.dropSchema(pgSchema);
    }
  }

  /** A file of {@code packets} frames of 100 bytes from 10.0.0.1 in the 5 s window at {@code start}. */
  private static IngestResult upload(String key, long start, long packets, List<AlertRow> alerts) {
    Report report = Report.of(new Source("upload", "s1", "pcap", List.of("ethernet"), 65535, null),
        new StatisticsCollector().snapshot(10), null);
    // The store takes the file's packets and bytes from the report's summary: give it the upload's.
    report = new Report(report.schema(), report.source(), new Summary(packets, packets * 100,
        packets * 100, null, null, 0, 0, 0), null, report.protocols(), report.endpoints(), 0, 0,
        report.conversations(), 0, 0, report.bandwidth(), report.sizes(), report.tcpFlags(), report.decode());
    long startNanos = start * 1_000_000_000L;
    return new IngestResult("s1", key, 1234, report, startNanos, startNanos + 1_000_000_000L,
        List.of(new TrafficWindowRow(WindowSize.FIVE_SECONDS, start, packets, packets * 100),
            new TrafficWindowRow(WindowSize.THREE_MINUTES, WindowSize.THREE_MINUTES.startOf(start), packets,
                packets * 100)),
        List.of(new SourceWindowRow(WindowSize.FIVE_SECONDS, start, "10.0.0.1", packets, packets * 100),
            new SourceWindowRow(WindowSize.THREE_MINUTES, WindowSize.THREE_MINUTES.startOf(start), "10.0.0.1",
                packets, packets * 100)),
        List.of(new ProtocolWindowRow(WindowSize.FIVE_SECONDS, start, "udp", "transport", packets, packets * 100),
            new ProtocolWindowRow(WindowSize.THREE_MINUTES, WindowSize.THREE_MINUTES.startOf(start), "udp",
                "transport", packets, packets * 100)),
        List.of(new FlowRow(startNanos, startNanos + 5, "udp", "10.0.0.1", 5353, "10.0.0.2", 53, packets,
            packets * 100, "S0")),
        alerts);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void shouldStoreAnUploadAndAnswerEveryQueryFromIt(String kind) throws SQLException {
    open(kind);
    StoredIngest stored = store.ingest(upload("k1", T0, 10,
        List.of(new AlertRow(T0 * 1_000_000_000L, "scan", "high", "10.0.0.1", "port scan"))));

    assertThat(stored).isEqualTo(new StoredIngest(10, 6, 0, 1, 0, 1, 0, false));
    assertThat(store.totals(TimeRange.ALL)).isEqualTo(new Totals(10, 1000, 1, 1, "1700000000.000000000",
        "1700000001.000000000", 1));
    assertThat(store.protocols(TimeRange.ALL, 10)).containsExactly(new ProtocolTotal("udp", "transport", 10,
        1000));
    assertThat(store.topSources(TimeRange.ALL, 10)).containsExactly(new SourceTotal("10.0.0.1", 10, 1000));
    assertThat(store.features(WindowSize.FIVE_SECONDS, "10.0.0.1", TimeRange.ALL, 10))
        .containsExactly(new SourceWindowRow(WindowSize.FIVE_SECONDS, T0, "10.0.0.1", 10, 1000));
    assertThat(store.flows(TimeRange.ALL, 10)).singleElement().extracting(StoredFlow::state).isEqualTo("S0");
    assertThat(store.alerts(TimeRange.ALL, 10)).singleElement().extracting(StoredAlert::kind).isEqualTo("scan");
    assertThat(store.sensors(10)).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("s1");
      assertThat(s.files()).isEqualTo(1);
      assertThat(s.packets()).isEqualTo(10);
      assertThat(s.lastPacket()).isEqualTo("1700000001.000000000");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void shouldStoreTheSameKeyOnceAndAddDifferentFilesInSharedWindows(String kind) throws SQLException {
    open(kind);
    store.ingest(upload("k1", T0, 10, List.of()));
    StoredIngest again = store.ingest(upload("k1", T0, 10, List.of()));
    store.ingest(upload("k2", T0, 5, List.of()));

    assertThat(again.duplicate()).isTrue();
    assertThat(store.hasFile("k1")).isTrue();
    assertThat(store.hasFile("k3")).isFalse();
    assertThat(store.totals(TimeRange.ALL).packets()).isEqualTo(15);
    assertThat(store.totals(TimeRange.ALL).files()).isEqualTo(2);
    assertThat(store.features(WindowSize.FIVE_SECONDS, null, TimeRange.ALL, 10))
        .containsExactly(new SourceWindowRow(WindowSize.FIVE_SECONDS, T0, "10.0.0.1", 15, 1500));
    assertThat(store.flows(TimeRange.ALL, 10)).hasSize(2);
    assertThat(store.sensors(10).get(0).files()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void shouldStoreNothingOfAFileWhoseTransactionFails(String kind) throws SQLException {
    open(kind);
    // An alert without a kind breaks a NOT NULL column after the file, sensor and window rows were written.
    IngestResult broken = upload("k1", T0, 10, List.of(new AlertRow(T0, null, "high", "10.0.0.1", "x")));

    assertThatThrownBy(() -> store.ingest(broken)).isInstanceOf(StoreException.class)
        .hasMessageStartingWith("ingest: storing k1 failed, nothing stored");
    assertThat(store.hasFile("k1")).isFalse();
    assertThat(store.totals(TimeRange.ALL)).isEqualTo(new Totals(0, 0, 0, 0, null, null, 0));
    assertThat(store.sensors(10)).isEmpty();
    assertThat(store.ingest(upload("k1", T0, 10, List.of())).duplicate()).isFalse();
  }

  /** {@code upload} whose report learnt {@code name} for 10.0.0.1. */
  private static IngestResult named(String key, long start, String name) {
    IngestResult r = upload(key, start, 1, List.of());
    return new IngestResult(r.sensor(), r.key(), r.sizeBytes(),
        r.report().withFlows(null, List.of(new NameRow("10.0.0.1", name, "dns"))), r.firstNanos(), r.lastNanos(),
        r.traffic(), r.sources(), r.protocols(), r.flows(), r.alerts());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void shouldLabelATopSourceWithTheNewestNameLearntForIt(String kind) throws SQLException {
    open(kind);
    store.ingest(named("k2", T0 + 5, "new.example"));
    store.ingest(named("k1", T0, "old.example")); // an older file arriving late does not replace the name

    assertThat(store.topSources(TimeRange.ALL, 10)).containsExactly(new SourceTotal("10.0.0.1", 2, 200,
        "new.example"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void shouldSumOnlyTheWindowsStartingInARange(String kind) throws SQLException {
    open(kind);
    store.ingest(upload("k1", T0, 10, List.of()));
    store.ingest(upload("k2", T0 + 5, 3, List.of()));
    long nanos = 1_000_000_000L;

    assertThat(store.totals(new TimeRange((T0 + 5) * nanos, null)).packets()).isEqualTo(3);
    assertThat(store.totals(new TimeRange(null, (T0 + 5) * nanos)).packets()).isEqualTo(10);
    assertThat(store.totals(new TimeRange(T0 * nanos + 1, null)).packets()).isEqualTo(3);
    assertThat(store.topSources(new TimeRange(T0 * nanos, (T0 + 10) * nanos), 5))
        .containsExactly(new SourceTotal("10.0.0.1", 13, 1300));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void shouldDeleteWindowsOlderThanTheirRetentionBackFromTheNewest(String kind) throws SQLException {
    open(kind);
    store.ingest(upload("old", T0 - 3600, 1, List.of()));
    store.ingest(upload("new", T0, 2, List.of()));

    long deleted = store.applyRetention(Retention.parse("5s=10m,30s=10m,3m=2h"));

    assertThat(deleted).isEqualTo(3); // the old file's 5 s traffic, source and protocol rows
    assertThat(store.series(WindowSize.FIVE_SECONDS, 10)).containsExactly(new TrafficPoint(T0, 2, 200));
    assertThat(store.series(WindowSize.THREE_MINUTES, 10)).hasSize(2);
    assertThat(store.flows(TimeRange.ALL, 10)).hasSize(2);
  }

  /**
   * Two 5 s window records of 10.0.0.1 at T0, as {@code netanal windows} computes them: 3 and 10 SYNs to
   * distinct ports of 10.0.0.2.
   */
  private List<WindowRecord> records() throws Exception {
    List<WindowRecord> records = new ArrayList<>();
    for (int syns : new int[] {3, 10}) {
      PcapFixture pcap = PcapFixture.ethernet(syns);
      for (int i = 0; i < syns; i++) {
        pcap.frame(T0 * 1_000_000_000L + i * 1_000_000L, PcapFixture.tcp(PcapFixture.ipv4(10, 0, 0, 1),
            PcapFixture.ipv4(10, 0, 0, 2), 40_000, 1 + i, 0x02));
      }
      Path file = Files.write(dir.resolve("syns-" + syns + ".pcap"), pcap.bytes());
      DetectionPipeline windows = new DetectionPipeline(WindowSizes.parse("5s"), DetectionSettings.defaults(),
          null, w -> w.records().stream().filter(r -> r.address().equals("10.0.0.1")).forEach(records::add));
      CaptureFileAnalysis engine = FileAnalyses.create(AnalysisOptions.defaults(), "x", 1000, false, windows,
          List.of(), List.of());
      engine.add(file);
      engine.result();
    }
    assertThat(records).extracting(WindowRecord::tcpSyn).containsExactly(3L, 10L);
    return records;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void shouldStoreAndServeEveryWindowFeatureUnderItsRecordName(String kind) throws Exception {
    open(kind);
    WindowRecord record = records().get(0);
    store.storeDetection("windows:s1:1", "s1", List.of(new FeatureRow("s1", WindowSize.FIVE_SECONDS, T0,
        record)), List.of(new AlertRow(T0 * 1_000_000_000L, "syn-flood", "high", "many", "flood", "s1,s2")));

    List<Map<String, Object>> rows = store.windowFeatures(WindowSize.FIVE_SECONDS, "10.0.0.1", TimeRange.ALL,
        10);

    assertThat(rows).hasSize(1);
    Map<String, Object> row = rows.get(0);
    List<String> names = new ArrayList<>(List.of("window", "startSeconds", "start", "end", "sensor", "address"));
    FeatureColumns.ALL.forEach(c -> names.add(c.name()));
    assertThat(row.keySet()).containsExactlyElementsOf(names);
    assertThat(row).containsEntry("window", "5s").containsEntry("startSeconds", T0)
        .containsEntry("start", "1700000000.000000000").containsEntry("end", "1700000005.000000000")
        .containsEntry("sensor", "s1").containsEntry("address", "10.0.0.1");
    for (FeatureColumns.Column c : FeatureColumns.ALL) {
      assertThat(row.get(c.name())).as(c.name()).isEqualTo(c.accessor().invoke(record));
    }
    assertThat(store.alerts(TimeRange.ALL, 10)).singleElement().extracting(StoredAlert::sensor)
        .isEqualTo("s1,s2");
    assertThat(store.windowFeatures(WindowSize.FIVE_SECONDS, null, new TimeRange((T0 + 5) * 1_000_000_000L,
        null), 10)).isEmpty();
    assertThat(store.windowFeatures(WindowSize.THIRTY_SECONDS, null, TimeRange.ALL, 10)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void shouldKeepTheLargerPartOfAWindowStoredTwice(String kind) throws Exception {
    open(kind);
    List<WindowRecord> records = records();
    WindowRecord small = records.get(0);
    WindowRecord large = records.get(records.size() - 1);

    store.storeDetection("u1", "s1", List.of(new FeatureRow("s1", WindowSize.FIVE_SECONDS, T0, small)), List.of());
    store.storeDetection("u2", "s1", List.of(new FeatureRow("s1", WindowSize.FIVE_SECONDS, T0, large)), List.of());
    store.storeDetection("u3", "s1", List.of(new FeatureRow("s1", WindowSize.FIVE_SECONDS, T0, small)), List.of());
    store.storeDetection("u4", "s2", List.of(new FeatureRow("s2", WindowSize.FIVE_SECONDS, T0, small)), List.of());

    List<Map<String, Object>> rows = store.windowFeatures(WindowSize.FIVE_SECONDS, null, TimeRange.ALL, 10);
    assertThat(rows).extracting(r -> r.get("sensor"), r -> r.get("packets"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("s1", large.packets()),
            org.assertj.core.groups.Tuple.tuple("s2", small.packets()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void shouldDeleteWindowFeaturesWithTheirWindowSizesRetention(String kind) throws Exception {
    open(kind);
    WindowRecord record = records().get(0);
    store.ingest(upload("old", T0 - 3600, 1, List.of()).withDetection(List.of(new FeatureRow("s1",
        WindowSize.FIVE_SECONDS, T0 - 3600, record)), List.of(), 0));
    store.ingest(upload("new", T0, 2, List.of()).withDetection(List.of(new FeatureRow("s1",
        WindowSize.FIVE_SECONDS, T0, record)), List.of(), 0));

    assertThat(store.applyRetention(Retention.parse("5s=10m,30s=10m,3m=2h"))).isEqualTo(4);
    assertThat(store.windowFeatures(WindowSize.FIVE_SECONDS, null, TimeRange.ALL, 10))
        .extracting(r -> r.get("startSeconds")).containsExactly(T0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5s=1x", "5s", "1m=1d", "5s=0d", ""})
  void shouldRefuseARetentionThatIsNotSizeEqualsAge(String text) {
    assertThatThrownBy(() -> Retention.parse(text)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("retain: ");
  }

  @Test
  void shouldKeepTheDefaultsForSizesARetentionLeavesOut() {
    assertThat(Retention.parse("5s=2h").keep()).isEqualTo(Map.of(WindowSize.FIVE_SECONDS, Duration.ofHours(2),
        WindowSize.THIRTY_SECONDS, Duration.ofDays(7), WindowSize.THREE_MINUTES, Duration.ofDays(30)));
  }

  @Test
  void shouldRefuseADatabaseUrlOfAnotherKind() {
    assertThatThrownBy(() -> Database.open("jdbc:mysql://db/x?password=secret", 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("db: jdbc:mysql://db/x?password=*** (expected: jdbc:postgresql://HOST[:PORT]/DB?user=U"
            + "&password=P, or jdbc:sqlite:FILE)");
  }

  @Test
  void shouldReportAnUnreachablePostgresqlAsAnEnvironmentProblem() {
    assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:1/none?user=x&password=y"
        + "&connectTimeout=2", 2))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageStartingWith("db: jdbc:postgresql://127.0.0.1:1/none?user=x&password=***&connectTimeout=2: ");
  }
}
