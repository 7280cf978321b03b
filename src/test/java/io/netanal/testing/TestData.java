package io.netanal.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Locates shared test data; skips (or fails under -Dnetanal.requireAllTests=true) when it is absent. */
public final class TestData {
  private TestData() {}

  /** {@code ../shared/pcaps} relative to the project root; skips or fails the calling test when absent. */
  public static Path pcaps() {
    Path pcaps = Path.of(System.getProperty("user.dir")).resolve("../shared/pcaps").normalize();
    boolean present = Files.isDirectory(pcaps);
    String reason = "../shared/pcaps not found: corpus tests need it";
    if (required()) {
      Assertions.assertTrue(present, reason);
    } else {
      Assumptions.assumeTrue(present, reason);
    }
    return pcaps;
  }

  /** True when CI asks that no test skip for want of data or environment. */
  public static boolean required() {
    return Boolean.getBoolean("netanal.requireAllTests");
  }
}
