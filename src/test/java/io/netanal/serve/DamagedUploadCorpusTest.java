package io.netanal.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netanal.UnreadableFileException;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.serve.TestCollector.Answer;
import io.netanal.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every damaged file of the shared corpus (marked {@code damaged} by the tshark oracle, or damaged for netanal's
 * reader), and 40 corpus files cut short mid-record, posted to a running collector: the ones netanal's reader
 * refuses or finds damaged get 400 and store nothing, the ones it reads whole are stored, and the collector keeps
 * serving throughout.
 */
@Timeout(300)
class DamagedUploadCorpusTest {
  @TempDir Path data;

  /** Netanal's own verdict: the reason it refuses the file, or null when it reads it whole. */
  private static String verdict(Path file) throws IOException {
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      reader.read((linkType, ts, captured, original, buffer, offset) -> { });
      return reader.damage();
    } catch (UnreadableFileException e) {
      return e.getMessage();
    }
  }

  @Test
  void shouldRefuseEveryDamagedCorpusFileWithoutStoringAnythingAndKeepServing() throws Exception {
    Path pcaps = TestData.pcaps();
    List<Path> damaged = new ArrayList<>();
    List<Path> readable = new ArrayList<>();
    Path cut = Files.createDirectories(data.resolve("cut"));
    int cutShort = 0;
    for (String line : Files.readAllLines(TestData.oracle())) {
      JsonNode entry = TestCollector.JSON.readTree(line);
      Path file = pcaps.resolve(entry.get("path").asText());
      String ours = verdict(file);
      if (ours != null) {
        damaged.add(file);
      } else if (entry.get("damaged").asBoolean()) {
        readable.add(file); // tshark gives up on it (e.g. an unknown link type), netanal reads every record
      } else if (cutShort < 40 && entry.get("packets").asLong() > 1) {
        // A sensor's upload cut off mid-record: the last 7 bytes missing.
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = cut.resolve(cutShort + "-" + file.getFileName());
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 7));
        if (verdict(truncated) != null) {
          damaged.add(truncated);
          cutShort++;
        }
      }
    }
    assertThat(damaged).as("damaged corpus files").hasSizeGreaterThan(40);

    long storedPackets = 0;
    try (TestCollector collector = TestCollector.sqlite(data)) {
      for (Path file : damaged) {
        Answer a = collector.post(Files.readAllBytes(file), "X-Netanal-Sensor", "corpus");
        assertThat(a.status()).as(file.toString()).isEqualTo(400);
        assertThat(a.json().get("message").asText()).as(file.toString()).startsWith("body: ")
            .endsWith("; nothing stored");
        assertThat(collector.get("/health").status()).isEqualTo(200);
      }
      assertThat(collector.get("/api/summary").json().get("files").asLong()).isZero();
      assertThat(collector.get("/api/sensors").body()).isEqualTo("[]");

      for (Path file : readable) {
        Answer a = collector.post(Files.readAllBytes(file), "X-Netanal-Sensor", "corpus");
        assertThat(a.status()).as(file.toString()).isEqualTo(200);
        storedPackets += a.json().get("packets").asLong();
      }
      JsonNode summary = collector.get("/api/summary").json();
      assertThat(summary.get("files").asLong()).isEqualTo(readable.size());
      assertThat(summary.get("packets").asLong()).isEqualTo(storedPackets);
    }
  }
}
