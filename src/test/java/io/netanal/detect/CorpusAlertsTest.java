package io.netanal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.NetanalException;
import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.testing.TestData;
import io.netanal.window.WindowSizes;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * False positives: every capture of the shared corpus analysed with the default windows and thresholds. Every
 * alert raised must be listed in {@link #EXPECTED} with the reason it is right, so a new false positive (or a lost
 * true one) fails the test. The count per type is printed.
 */
class CorpusAlertsTest {
  /** "file | type | source | target" -> why the alert is right. */
  static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
      Map.entry("chrissanders-packets/synscan.pcapng | port-scan | 172.16.0.8 | 64.13.134.52",
          "an nmap SYN scan: 1,994 SYNs to 1,015 ports of one host, 12 answered"),
      Map.entry("ndpi/synscan.pcap | port-scan | 172.16.0.8 | 64.13.134.52",
          "the same nmap SYN scan, as nDPI's test suite keeps it")
  ));

  @Test
  void shouldRaiseOnlyTheListedAlertsOnTheCorpus() throws IOException {
    Path pcaps = TestData.pcaps();
    ObjectMapper json = new ObjectMapper();
    List<String> raised = new ArrayList<>();
    Map<String, Integer> perType = new TreeMap<>();
    try (BufferedReader lines = Files.newBufferedReader(TestData.oracle())) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode entry = json.readTree(line);
        String path = entry.get("path").asText();
        DetectionPipeline pipeline = new DetectionPipeline(WindowSizes.defaults(), DetectionSettings.defaults(),
            null, null);
        try {
          new CaptureFileAnalysis(AnalysisOptions.defaults(), List.of(pipeline)).add(pcaps.resolve(path));
        } catch (NetanalException | IOException e) {
          continue; // unreadable files are the reader's tests' business
        }
        pipeline.finish();
        for (Alert a : pipeline.alerts()) {
          String key = path + " | " + a.type() + " | " + a.source() + " | " + a.target();
          raised.add(key);
          perType.merge(a.type(), 1, Integer::sum);
          System.out.println("corpus alert: " + key + " :: " + a.summary());
        }
      }
    }
    System.out.println("corpus alerts per type: " + perType);
    assertThat(raised).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
  }
}
