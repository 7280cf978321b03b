package io.netanal.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.UnreadableFileException;
import io.netanal.frame.FrameSink;
import io.netanal.testing.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reads every capture of the shared corpus and compares frame counts, byte sums and first/last timestamps with
 * tshark's (the oracle in {@code ../shared/pcaps/oracle.jsonl}).
 */
class PcapCorpusTest {
  private static final String[] FIELDS = {"packets", "bytes", "wire_bytes", "first_ts_text", "last_ts_text"};

  /** Files where netanal and tshark differ on purpose, with the reason. */
  private static final Map<String, String> KNOWN_DIFFERENCES = Map.of();

  @Test
  @Timeout(120)
  void shouldAgreeWithTsharkOnEveryReadableCapture() throws IOException {
    Path pcaps = TestData.pcaps();
    Map<String, JsonNode> oracle = readOracle(pcaps.resolve("oracle.jsonl"));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(pcaps)) {
      files = walk.filter(Files::isRegularFile)
          .filter(f -> f.toString().matches(".*\\.(pcap|pcapng|cap)$"))
          .sorted()
          .collect(Collectors.toList());
    }
    assertThat(files).hasSizeGreaterThan(900);
    Map<String, Integer> agreeing = new HashMap<>();
    int compared = 0;
    List<String> disagreements = new ArrayList<>();
    for (Path file : files) {
      String path = pcaps.relativize(file).toString().replace('\\', '/');
      JsonNode expected = oracle.get(path);
      assertThat(expected).as("oracle line for %s", path).isNotNull();
      if (expected.hasNonNull("error")) {
        readWithoutCrashing(file);
        continue;
      }
      compared++;
      Map<String, String> actual = summarize(file);
      List<String> differing = new ArrayList<>();
      for (String field : FIELDS) {
        String want = expected.path(field).isNull() ? "null" : expected.path(field).asText();
        if (want.equals(actual.get(field))) {
          agreeing.merge(field, 1, Integer::sum);
        } else {
          differing.add(field + " " + actual.get(field) + " (tshark: " + want + ")");
        }
      }
      if (!differing.isEmpty() && !KNOWN_DIFFERENCES.containsKey(path)) {
        disagreements.add(path + ": " + String.join(", ", differing) + " damage=" + actual.get("damage"));
      }
    }
    for (String field : FIELDS) {
      System.out.printf("corpus agreement %-13s %d/%d%n", field, agreeing.getOrDefault(field, 0), compared);
    }
    assertThat(disagreements).isEmpty();
  }

  private static Map<String, JsonNode> readOracle(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, JsonNode> byPath = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        JsonNode node = mapper.readTree(line);
        byPath.put(node.get("path").asText(), node);
      }
    }
    return byPath;
  }

  private static void readWithoutCrashing(Path file) throws IOException {
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      reader.read(new Totals());
    } catch (UnreadableFileException expected) {
      assertThat(expected.getMessage()).startsWith(file.toString() + ": ").doesNotContain("\n");
    }
  }

  private static Map<String, String> summarize(Path file) throws IOException {
    Totals totals = new Totals();
    Map<String, String> result = new HashMap<>();
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      long frames = reader.read(totals);
      assertThat(frames).isEqualTo(totals.frames);
      result.put("damage", reader.damage());
    } catch (UnreadableFileException e) {
      result.put("damage", "unreadable: " + e.getMessage());
    }
    result.put("packets", Long.toString(totals.frames));
    result.put("bytes", Long.toString(totals.captured));
    result.put("wire_bytes", Long.toString(totals.original));
    result.put("first_ts_text", totals.frames == 0 ? "null" : Timestamps.format(totals.first));
    result.put("last_ts_text", totals.frames == 0 ? "null" : Timestamps.format(totals.last));
    return result;
  }

  private static final class Totals implements FrameSink {
    long frames;
    long captured;
    long original;
    long first;
    long last;

    @Override
    public void frame(int linkType, long timestampNanos, int capturedLength, int originalLength, ByteBuffer buffer,
        int offset) {
      if (frames == 0) {
        first = timestampNanos;
      }
      last = timestampNanos;
      frames++;
      captured += capturedLength;
      original += Integer.toUnsignedLong(originalLength);
      // Touch the frame's last byte: a length that runs past the buffer must fail here, not downstream.
      if (capturedLength > 0) {
        buffer.get(offset + capturedLength - 1);
      }
    }
  }
}
