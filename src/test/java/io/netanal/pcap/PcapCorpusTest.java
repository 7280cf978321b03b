package io.netanal.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.UnreadableFileException;
import io.netanal.frame.FrameSink;
import io.netanal.frame.TimestampFormat;
import io.netanal.testing.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** A field on which a file differs from tshark on purpose, and why. */
  private record KnownDifference(Set<String> fields, String reason) {}

  private static final String SUNATM = "LINKTYPE_SUNATM (123): tshark's wiretap strips the 4-byte SunATM pseudo-header"
      + " from both lengths; netanal hands the record on as stored and leaves the pseudo-header to the decoder";
  private static final String USEC_WRAP = "ts_usec >= 1000000: tshark multiplies it by 1000 in 32 bits and wraps;"
      + " netanal carries the excess microseconds into the seconds";

  private static final Map<String, KnownDifference> KNOWN_DIFFERENCES = Map.of(
      "tcpdump-tests/atm-heapoverflow.pcap",
      new KnownDifference(Set.of("bytes", "wire_bytes"), SUNATM),
      "tcpdump-tests/atm-oam-loopback-print-overrun.pcap",
      new KnownDifference(Set.of("bytes", "wire_bytes", "first_ts_text", "last_ts_text"), SUNATM + "; " + USEC_WRAP),
      "tcpdump-tests/timestamp_invalid_micro.pcap",
      new KnownDifference(Set.of("last_ts_text"), USEC_WRAP));

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
        System.out.printf("corpus: tshark cannot read %s; netanal: %s%n", path, readWithoutCrashing(file));
        continue;
      }
      compared++;
      Map<String, String> actual = summarize(file);
      List<String> differing = new ArrayList<>();
      KnownDifference known = KNOWN_DIFFERENCES.getOrDefault(path, new KnownDifference(Set.of(), ""));
      for (String field : FIELDS) {
        String want = expected.path(field).isNull() ? "null" : expected.path(field).asText();
        boolean agrees = want.equals(actual.get(field));
        if (agrees) {
          agreeing.merge(field, 1, Integer::sum);
        }
        // A named difference must still be a difference: when tshark and netanal come to agree, drop it.
        if (agrees == known.fields().contains(field)) {
          differing.add(field + " " + actual.get(field) + " (tshark: " + want + ")");
        }
      }
      // tshark read these files without complaint: so must netanal.
      if (!expected.path("damaged").asBoolean() && actual.get("damage") != null) {
        differing.add("damage reported where tshark saw none");
      }
      if (!differing.isEmpty()) {
        disagreements.add(path + ": " + String.join(", ", differing) + " damage=" + actual.get("damage"));
      }
    }
    System.out.printf("corpus: %d files, %d compared with tshark, %d named differences%n", files.size(), compared,
        KNOWN_DIFFERENCES.size());
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

  /** Reads a file tshark rejects; only a clean read or an UnreadableFileException naming the file may come out. */
  private static String readWithoutCrashing(Path file) throws IOException {
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      long frames = reader.read(new Totals());
      return frames + " frames, damage " + reader.damage();
    } catch (UnreadableFileException expected) {
      assertThat(expected.getMessage()).startsWith(file.toString() + ": ").doesNotContain("\n");
      return "rejected: " + expected.getMessage().substring(file.toString().length() + 2);
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
    result.put("first_ts_text", totals.frames == 0 ? "null" : TimestampFormat.format(totals.first));
    result.put("last_ts_text", totals.frames == 0 ? "null" : TimestampFormat.format(totals.last));
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
