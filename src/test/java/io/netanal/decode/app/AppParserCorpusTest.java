package io.netanal.decode.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.testing.TestData;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The parsers' acceptance test: every capture of the shared corpus read frame by frame (see {@link CorpusNames}
 * for which payloads go to which parser) and its names compared, per file, with tshark 4.0's in
 * {@code flows-oracle.jsonl}: TLS server names, JA3 hashes, DNS query names (queries only, then queries and
 * responses) and HTTP Host values.
 *
 * <p>The oracle lowercases every name with Python's {@code str.lower()} and keeps the first 500 in code point
 * order; the same is done here to netanal's names before comparing. A difference must be explained by
 * {@link KnownNameDifferences}; any other fails the test. The agreement per field is printed.
 */
class AppParserCorpusTest {
  private static final Duration PER_FILE = Duration.ofSeconds(20);
  private static final int ORACLE_CAP = 500;
  private static final List<String> FIELDS = List.of(CorpusNames.TLS_SNI, CorpusNames.JA3, CorpusNames.DNS_QUERIES,
      CorpusNames.DNS_NAMES, CorpusNames.HTTP_HOSTS);
  private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    return java.util.Arrays.compare(x, y);
  };

  private final Map<String, int[]> agreement = new LinkedHashMap<>(); // field -> {agree, explained, total, named}
  private final List<String> unexplained = new ArrayList<>();
  private final Map<String, Integer> explainedByReason = new TreeMap<>();

  @Test
  void shouldFindTheNamesTsharkFindsInEveryCorpusFile() throws Exception {
    Path pcaps = TestData.pcaps();
    Path oracleFile = pcaps.resolve("flows-oracle.jsonl");
    TestData.require(Files.isRegularFile(oracleFile), "../shared/pcaps/flows-oracle.jsonl not found: the names"
        + " oracle is built by ../shared/tools/oracle-flows.py");
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

    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      for (JsonNode expected : oracle) {
        if (expected.has("error")) {
          continue;
        }
        String path = expected.get("path").asText();
        Future<CorpusNames> run = pool.submit(() -> CorpusNames.read(pcaps.resolve(path)));
        try {
          compare(path, expected, run.get(PER_FILE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
          run.cancel(true);
          unexplained.add(path + ": no result within " + PER_FILE.toSeconds() + " s");
          pool.shutdownNow();
          pool = Executors.newSingleThreadExecutor();
        } catch (ExecutionException e) {
          unexplained.add(path + ": " + e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }

    StringBuilder summary = new StringBuilder("names agreement with tshark 4.0 (agree + explained / files;"
        + " files where tshark names any):\n");
    agreement.forEach((field, n) -> summary.append(String.format("  %-12s %4d + %3d / %4d; %3d with names%n",
        field, n[0], n[1], n[2], n[3])));
    explainedByReason.forEach((reason, n) -> summary.append(String.format("  explained %3d x %s%n", n, reason)));
    System.out.println(summary);
    assertThat(unexplained).as("differences from tshark with no named reason").isEmpty();
  }

  private void compare(String path, JsonNode expected, CorpusNames found) {
    for (String field : FIELDS) {
      TreeSet<String> want = new TreeSet<>(CODE_POINT_ORDER);
      expected.get(field).forEach(name -> want.add(name.asText()));
      TreeSet<String> got = new TreeSet<>(CODE_POINT_ORDER);
      found.names.get(field).forEach(name -> got.add(name.toLowerCase(Locale.ROOT)));
      while (got.size() > ORACLE_CAP) {
        got.pollLast();
      }
      int[] n = agreement.computeIfAbsent(field, f -> new int[4]);
      n[2]++;
      if (!want.isEmpty()) {
        n[3]++;
      }
      if (want.equals(got)) {
        n[0]++;
        continue;
      }
      TreeSet<String> missing = new TreeSet<>(want);
      missing.removeAll(got);
      TreeSet<String> extra = new TreeSet<>(got);
      extra.removeAll(want);
      String reason = KnownNameDifferences.explain(path, field, missing, extra, found);
      if (reason != null) {
        n[1]++;
        explainedByReason.merge(field + ": " + reason, 1, Integer::sum);
      } else {
        unexplained.add(path + ": " + field + " tshark only " + sample(missing) + ", netanal only "
            + sample(extra));
      }
    }
  }

  private static String sample(TreeSet<String> names) {
    List<String> first = new ArrayList<>(names).subList(0, Math.min(5, names.size()));
    return names.size() + " " + first + (names.size() > 5 ? "..." : "");
  }
}
