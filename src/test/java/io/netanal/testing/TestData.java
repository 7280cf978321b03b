package io.netanal.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared test data ({@code ../shared/pcaps} beside the project) and decides what a test does when a
 * prerequisite is missing: skip with the reason, or fail when {@code -Dnetanal.requireAllTests=true} (CI sets it,
 * so that nothing CI is meant to check can pass by skipping).
 */
public final class TestData {
  private TestData() {}

  /** True when the run must not skip tests for a missing prerequisite. */
  public static boolean required() {
    return Boolean.getBoolean("netanal.requireAllTests");
  }

  /** The shared capture corpus; skips (or fails under CI) when it is absent. */
  public static Path pcaps() {
    Path dir = Paths.get(System.getProperty("user.dir")).resolve("../shared/pcaps").normalize();
    require(Files.isRegularFile(dir.resolve("oracle.jsonl")),
        "../shared/pcaps not found: corpus tests need the shared captures beside the project");
    return dir;
  }

  /** The corpus' oracle file ({@code oracle.jsonl}, one JSON object per capture). */
  public static Path oracle() {
    return pcaps().resolve("oracle.jsonl");
  }

  /**
   * The oracle's entries (one JSON object per capture, in its order) of the corpus files tshark read without error
   * or damage, whose every frame a test may read: each names its file by {@code path} under {@link #pcaps()}.
   * Damaged files belong to the readers' tests. Skips (or fails under CI) without the corpus.
   */
  public static List<JsonNode> readableCorpusFiles() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> files = new ArrayList<>();
    try (BufferedReader lines = Files.newBufferedReader(oracle())) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode file = json.readTree(line);
        if (!file.has("error") && !file.path("damaged").asBoolean()) {
          files.add(file);
        }
      }
    }
    return files;
  }

  /**
   * Skips the calling test with {@code reason} when {@code condition} is false, or fails it when
   * {@link #required()}.
   */
  public static void require(boolean condition, String reason) {
    if (condition) {
      return;
    }
    if (required()) {
      fail(reason + " (netanal.requireAllTests is set, so this test may not skip)");
    }
    Assumptions.assumeTrue(false, reason);
  }
}
