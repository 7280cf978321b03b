package io.netanal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.UnreadableFileException;
import io.netanal.analysis.FramePipeline;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.testing.TestData;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Compares the flow table with tshark 4.0's view of every corpus file ({@code flows-oracle.jsonl}, built by
 * {@code oracle-flows.py}): per transport the number of distinct Community IDs, per Community ID the frames and
 * bytes, and the number of TCP and UDP flows against tshark's {@code tcp.stream}/{@code udp.stream}. Every
 * difference must be named by {@link FlowKnownDifferences}; the agreement per field is printed.
 */
class FlowCorpusTest {
  private static final Duration PER_FILE = Duration.ofSeconds(20);
  static final List<String> TRANSPORTS = List.of("tcp", "udp", "icmp", "icmpv6", "sctp");
  /** The oracle's name sets compared: every name netanal puts in a flow record must be one tshark found. */
  static final List<String> NAME_FIELDS = List.of("dns_names", "tls_sni", "ja3", "http_hosts");

  private final Map<String, int[]> agreement = new LinkedHashMap<>(); // field -> {agree, explained, total}
  private final List<String> unexplained = new ArrayList<>();
  private final Map<String, Integer> explainedByReason = new TreeMap<>();
  private Flows current;
  private String currentPath;
  private boolean tcpIdsAgree;

  /**
   * What the flow table made of one file: frames and bytes per Community ID, records per transport, and the records
   * that split a Community ID tshark keeps whole (after an idle timeout, on another VLAN, or stragglers after a
   * connection closed).
   */
  record Flows(Map<String, long[]> byId, Map<String, String> protoById, Map<String, Integer> records,
      Map<String, Integer> timeoutSplits, Map<String, Integer> vlanSplits, Map<String, Integer> lateSplits,
      FileTraits traits, Map<String, java.util.Set<String>> names) {}

  static Flows flows(Path file) throws Exception {
    Map<String, long[]> byId = new HashMap<>();
    Map<String, String> protoById = new HashMap<>();
    Map<String, Integer> records = new HashMap<>();
    Map<String, Integer> timeoutSplits = new HashMap<>();
    Map<String, Integer> vlanSplits = new HashMap<>();
    Map<String, Integer> lateSplits = new HashMap<>();
    Map<String, String> lastEnd = new HashMap<>();
    Map<String, Integer> vlanById = new HashMap<>();
    Map<String, java.util.Set<String>> names = new HashMap<>();
    for (String field : NAME_FIELDS) {
      names.put(field, new java.util.TreeSet<>());
    }
    FlowTable table = new FlowTable(FlowTableOptions.forFile(file.toString(), FlowTableOptions.DEFAULT_MAX_FLOWS),
        r -> {
          for (FlowRecord.Dns d : r.dns()) {
            names.get("dns_names").add(d.query().toLowerCase(java.util.Locale.ROOT));
          }
          if (r.tls() != null && r.tls().sni() != null) {
            names.get("tls_sni").add(r.tls().sni().toLowerCase(java.util.Locale.ROOT));
          }
          if (r.tls() != null && r.tls().ja3() != null) {
            names.get("ja3").add(r.tls().ja3());
          }
          if (r.http() != null && r.http().host() != null) {
            names.get("http_hosts").add(r.http().host().toLowerCase(java.util.Locale.ROOT));
          }
          records.merge(r.proto(), 1, Integer::sum);
          String key = r.communityId() + "/" + r.vlan();
          String previous = lastEnd.put(key, r.end());
          if ("idle".equals(previous) || "evicted".equals(previous)) {
            timeoutSplits.merge(r.proto(), 1, Integer::sum);
          } else if (previous != null && r.history().indexOf('S') < 0 && r.history().indexOf('s') < 0) {
            lateSplits.merge(r.proto(), 1, Integer::sum); // stragglers after the close grace, no new SYN
          }
          Integer vlan = vlanById.putIfAbsent(r.communityId(), r.vlan());
          if (vlan != null && vlan != r.vlan() && previous == null) {
            vlanSplits.merge(r.proto(), 1, Integer::sum);
          }
        }, AppMessages.INSTANCE);
    table.frameBytesObserver((r, frameBytes) -> {
      long[] n = byId.computeIfAbsent(r.communityId(), id -> new long[2]);
      n[0] += r.packets();
      n[1] += frameBytes;
      protoById.put(r.communityId(), r.proto());
    });
    FileTraits traits = new FileTraits();
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      FramePipeline pipeline = FramePipeline.of(null, null, null, List.of(traits, table));
      reader.read(pipeline.sink());
      pipeline.finish();
    }
    return new Flows(byId, protoById, records, timeoutSplits, vlanSplits, lateSplits, traits, names);
  }

  @Test
  void shouldAgreeWithTsharkFlowsOnEveryCorpusFile() throws Exception {
    Path pcaps = TestData.pcaps();
    Path oracleFile = pcaps.resolve("flows-oracle.jsonl");
    TestData.require(Files.isRegularFile(oracleFile), "flows-oracle.jsonl not found beside the corpus");
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> oracle = new ArrayList<>();
    try (BufferedReader lines = Files.newBufferedReader(oracleFile)) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (!line.isBlank()) {
          oracle.add(json.readTree(line));
        }
      }
    }
    assertThat(oracle).hasSizeGreaterThan(900);
    ExecutorService pool = Executors.newSingleThreadExecutor(FlowCorpusTest::daemon);
    try {
      for (JsonNode expected : oracle) {
        String path = expected.get("path").asText();
        if (expected.has("damaged") && expected.get("damaged").asBoolean()) {
          continue; // tshark stopped part way: its counts cover an unknown prefix
        }
        Future<Flows> run = pool.submit(() -> flows(pcaps.resolve(path)));
        Flows actual;
        try {
          actual = run.get(PER_FILE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          run.cancel(true);
          unexplained.add(path + ": no result within " + PER_FILE.toSeconds() + " s");
          pool.shutdownNow();
          pool = Executors.newSingleThreadExecutor(FlowCorpusTest::daemon);
          continue;
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnreadableFileException)) {
            unexplained.add(path + ": " + e.getCause());
          }
          continue; // unreadable: CorpusAgreementTest checks that against tshark
        }
        current = actual;
        currentPath = path;
        compare(path, expected, actual);
      }
    } finally {
      pool.shutdownNow();
    }
    StringBuilder summary = new StringBuilder("flow agreement with tshark 4.0 (agree + explained / total):\n");
    agreement.forEach((field, n) -> summary.append(String.format("  %-12s %6d + %5d / %6d%n", field, n[0], n[1],
        n[2])));
    explainedByReason.forEach((reason, n) -> summary.append(String.format("  explained %5d x %s%n", n, reason)));
    System.out.println(summary);
    assertThat(unexplained).as("flow differences from tshark with no named reason").isEmpty();
  }

  private void compare(String path, JsonNode expected, Flows actual) {
    Map<String, Integer> ids = new HashMap<>();
    actual.protoById().values().forEach(p -> ids.merge(p, 1, Integer::sum));
    tcpIdsAgree = expected.get("flows").get("tcp").asLong() == ids.getOrDefault("tcp", 0);
    for (String proto : TRANSPORTS) {
      field(path, "ids." + proto, expected.get("flows").get(proto).asLong(), (long) ids.getOrDefault(proto, 0));
    }
    for (JsonNode row : expected.get("flow_rows")) {
      String id = row.get("id").asText();
      long[] n = actual.byId().get(id);
      String proto = row.get("proto").asText();
      field(path, "frames." + proto + " " + id, row.get("frames").asLong(), n == null ? 0L : n[0]);
      field(path, "bytes." + proto + " " + id, row.get("bytes").asLong(), n == null ? 0L : n[1]);
    }
    for (String field : NAME_FIELDS) {
      java.util.Set<String> oracleNames = new java.util.TreeSet<>();
      expected.get(field).forEach(n -> oracleNames.add(n.asText()));
      java.util.Set<String> invented = new java.util.TreeSet<>(actual.names().get(field));
      invented.removeAll(oracleNames);
      boolean capped = oracleNames.size() >= 500; // the oracle keeps at most 500 per file
      nameField(path, field, invented, capped, oracleNames.size(), actual.names().get(field).size());
    }
    field(path, "tcpStreams", expected.get("tcp_streams").asLong(), (long) actual.records().getOrDefault("tcp", 0));
    field(path, "udpStreams", expected.get("udp_streams").asLong(), (long) actual.records().getOrDefault("udp", 0));
  }

  /** Names: netanal's set must lie within tshark's (it reads only a flow's first payloads, tshark reassembles). */
  private void nameField(String path, String field, java.util.Set<String> invented, boolean capped, int expected,
      int actual) {
    int[] n = agreement.computeIfAbsent(field, f -> new int[3]);
    n[2]++;
    if (invented.isEmpty() || capped) {
      n[0]++;
      int[] same = agreement.computeIfAbsent(field + "=", f -> new int[3]);
      same[2]++;
      if (expected == actual) {
        same[0]++;
      }
      return;
    }
    String reason = FlowKnownDifferences.explainName(path, field, invented);
    if (reason != null) {
      n[1]++;
      explainedByReason.merge(field + ": " + reason, 1, Integer::sum);
    } else {
      unexplained.add(path + ": " + field + " names tshark did not find: " + invented);
    }
  }

  private void field(String path, String field, long expected, long actual) {
    String name = field.indexOf(' ') > 0 ? field.substring(0, field.indexOf(' ')) : field;
    int[] n = agreement.computeIfAbsent(name, f -> new int[3]);
    n[2]++;
    if (expected == actual) {
      n[0]++;
      return;
    }
    String reason = FlowKnownDifferences.explain(currentPath, field, expected, actual, current, tcpIdsAgree);
    if (reason != null) {
      n[1]++;
      explainedByReason.merge(name + ": " + reason, 1, Integer::sum);
    } else {
      unexplained.add(path + ": " + field + " expected " + expected + " but was " + actual);
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "flow-corpus-file");
    t.setDaemon(true);
    return t;
  }
}
