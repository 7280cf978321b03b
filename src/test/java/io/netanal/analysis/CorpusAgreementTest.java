package io.netanal.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.UnreadableFileException;
import io.netanal.report.Report;
import io.netanal.stats.Endpoint;
import io.netanal.stats.ProtocolCount;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of {@code netanal analyze}: every capture of the shared corpus analysed and compared
 * with tshark 4.0's view of it ({@code oracle.jsonl}).
 *
 * <p>Compared per file: packets, bytes, captured bytes, first and last timestamps (exact), the frame counts of the
 * protocols in {@link #PROTOCOLS} and (from {@code protocol_frames}) {@link #PROTOCOL_FRAMES}, the malformed frames
 * (tshark's {@code _ws.malformed} against netanal's {@code malformed} decode problems), the frames cut by the snaplen
 * (captured below original length, as netanal's reader hands them on), and the top five endpoints. A difference must
 * be explained by an entry of {@link KnownDifferences}, which names the case and the reason; any other difference
 * fails the test. Files tshark cannot read must be rejected with {@link UnreadableFileException} or read without
 * error, each within a timeout. The agreement figures per field are printed.
 */
class CorpusAgreementTest {
  static final List<String> PROTOCOLS =
      List.of("eth", "vlan", "arp", "ip", "ipv6", "tcp", "udp", "icmp", "icmpv6", "dns");
  /**
   * Compared with the oracle's {@code protocol_frames} (frames per protocol tshark named): application protocols,
   * tunnels and link layers netanal names as tshark does.
   */
  static final List<String> PROTOCOL_FRAMES = List.of("http", "tls", "quic", "ssh", "dhcp", "ntp", "mdns", "gre",
      "vxlan", "geneve", "mpls", "ppp", "chdlc", "fr", "erspan", "gtp", "capwap", "esp", "ah", "sctp", "igmp", "llc",
      "sll", "null", "wlan", "radiotap");
  private static final Duration PER_FILE = Duration.ofSeconds(20);

  private final Map<String, int[]> agreement = new LinkedHashMap<>(); // field -> {agree, explained, total}
  private final List<String> unexplained = new ArrayList<>();
  private final Map<String, Integer> explainedByReason = new TreeMap<>();

  @Test
  void shouldAgreeWithTsharkOnEveryCorpusFile() throws Exception {
    Path pcaps = TestData.pcaps();
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> oracle = new ArrayList<>();
    try (BufferedReader lines = Files.newBufferedReader(TestData.oracle())) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (!line.isBlank()) {
          oracle.add(json.readTree(line));
        }
      }
    }
    assertThat(oracle).hasSizeGreaterThan(900);

    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "corpus-file");
      t.setDaemon(true);
      return t;
    });
    int rejected = 0;
    int unreadableByTshark = 0;
    try {
      for (JsonNode expected : oracle) {
        String path = expected.get("path").asText();
        Path file = pcaps.resolve(path);
        Future<Report> run = pool.submit(() -> CaptureFileAnalysis.analyze(file, AnalysisOptions.defaults()));
        Report report;
        long snaplenCut;
        try {
          report = run.get(PER_FILE.toMillis(), TimeUnit.MILLISECONDS);
          snaplenCut = pool.submit(() -> snaplenCutFrames(file)).get(PER_FILE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          run.cancel(true);
          unexplained.add(path + ": no result within " + PER_FILE.toSeconds() + " s");
          pool.shutdownNow();
          pool = Executors.newSingleThreadExecutor();
          continue;
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof UnreadableFileException) {
            if (expected.has("error")) {
              rejected++;
            } else {
              unexplained.add(path + ": rejected (" + e.getCause().getMessage() + ") but tshark reads it");
            }
            continue;
          }
          unexplained.add(path + ": " + e.getCause());
          continue;
        }
        if (expected.has("error")) {
          unreadableByTshark++;
          continue; // read without error where tshark gives up: allowed
        }
        compare(path, expected, report);
        field(path, "snaplenCut", expected.get("snaplen_cut_frames").asLong(), snaplenCut, report);
      }
    } finally {
      pool.shutdownNow();
    }

    StringBuilder summary = new StringBuilder("corpus agreement with tshark 4.0 (agree + explained / files):\n");
    agreement.forEach((field, n) -> summary.append(String.format("  %-16s %4d + %3d / %4d%n", field, n[0], n[1],
        n[2])));
    summary.append(String.format("  rejected as tshark does: %d; read although tshark cannot: %d%n", rejected,
        unreadableByTshark));
    explainedByReason.forEach((reason, n) -> summary.append(String.format("  explained %4d x %s%n", n, reason)));
    System.out.println(summary);
    assertThat(unexplained).as("differences from tshark with no named reason").isEmpty();
  }

  private void compare(String path, JsonNode expected, Report report) {
    field(path, "packets", expected.get("packets").asLong(), report.summary().packets(), report);
    field(path, "wireBytes", expected.get("wire_bytes").asLong(), report.summary().bytes(), report);
    field(path, "capturedBytes", expected.get("bytes").asLong(), report.summary().capturedBytes(), report);
    field(path, "firstTimestamp", text(expected, "first_ts_text"), report.summary().firstTimestamp(), report);
    field(path, "lastTimestamp", text(expected, "last_ts_text"), report.summary().lastTimestamp(), report);
    Map<String, Long> counts = new HashMap<>();
    for (ProtocolCount p : report.protocols()) {
      counts.merge(p.name(), p.packets(), Long::sum);
    }
    for (String protocol : PROTOCOLS) {
      field(path, protocol, expected.get("protocols").get(protocol).asLong(), counts.getOrDefault(protocol, 0L),
          report);
    }
    field(path, "topEndpoints", expectedTop(expected.get("top_endpoints")), actualTop(report.endpoints()), report);
    JsonNode frames = expected.get("protocol_frames");
    for (String protocol : PROTOCOL_FRAMES) {
      long want = frames != null && frames.has(protocol) ? frames.get(protocol).asLong() : 0;
      field(path, protocol, want, counts.getOrDefault(protocol, 0L), report);
    }
    field(path, "malformed", expected.get("malformed_frames").asLong(),
        report.decode().reasons().getOrDefault("malformed", 0L), report);
  }

  /** Frames whose captured length is below their original length, as netanal's reader hands them on. */
  private static long snaplenCutFrames(Path file) throws java.io.IOException {
    long[] cut = new long[1];
    try (io.netanal.pcap.CaptureFileReader reader = io.netanal.pcap.CaptureFileReader.open(file)) {
      reader.read((linkType, timestampNanos, capturedLength, originalLength, buffer, offset) -> {
        if (capturedLength < Integer.toUnsignedLong(originalLength)) {
          cut[0]++;
        }
      });
    }
    return cut[0];
  }

  private void field(String path, String field, Object expected, Object actual, Report report) {
    int[] n = agreement.computeIfAbsent(field, f -> new int[3]);
    n[2]++;
    if (expected == null ? actual == null : expected.equals(actual)) {
      n[0]++;
      return;
    }
    String reason = KnownDifferences.explain(path, field, expected, actual, report);
    if (reason != null) {
      n[1]++;
      explainedByReason.merge(field + ": " + reason, 1, Integer::sum);
    } else {
      unexplained.add(path + ": " + field + " expected " + expected + " but was " + actual);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** address, packets, bytes, tx packets, tx bytes of the oracle's top five endpoints. */
  static List<String> expectedTop(JsonNode top) {
    List<String> rows = new ArrayList<>();
    for (JsonNode e : top) {
      rows.add(e.get("addr").asText() + " " + e.get("packets").asLong() + " " + e.get("bytes").asLong() + " "
          + e.get("tx_packets").asLong() + " " + e.get("tx_bytes").asLong());
    }
    return rows;
  }

  static List<String> actualTop(List<Endpoint> endpoints) {
    List<String> rows = new ArrayList<>();
    for (Endpoint e : endpoints.subList(0, Math.min(5, endpoints.size()))) {
      rows.add(e.address() + " " + (e.packetsSent() + e.packetsReceived()) + " " + (e.bytesSent()
          + e.bytesReceived()) + " " + e.packetsSent() + " " + e.bytesSent());
    }
    return rows;
  }
}
