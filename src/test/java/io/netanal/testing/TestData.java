package io.netanal.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Locates shared test data; skips (or fails under -Dnetanal.requireAllTests=true) when it is absent. */
public final class TestData {
  private TestData() {}

  /** {@code ../shared/pcaps} relative to the project root. */
  public static Path pcaps() {
    Path dir = Path.of(System.getProperty("user.dir")).resolve("../shared/pcaps").normalize();
    if (!Files.isDirectory(dir)) {
      String reason = "../shared/pcaps not found: corpus tests need it";
      if (required()) {
        Assertions.fail(reason);
      }
      Assumptions.assumeTrue(false, reason);
    }
    return dir;
  }

  /** True when missing prerequisites must fail tests instead of skipping them (CI). */
  public static boolean required() {
    return Boolean.getBoolean("netanal.requireAllTests");
  }
}
