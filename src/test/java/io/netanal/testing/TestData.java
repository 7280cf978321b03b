package io.netanal.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates shared test data; skips (or fails under -Dnetanal.requireAllTests=true) when it is absent. */
public final class TestData {
  private TestData() {}

  /** {@code ../shared/pcaps} relative to the project root; skips or fails the calling test when it is absent. */
  public static Path pcaps() {
    Path pcaps = Paths.get(System.getProperty("user.dir")).resolve("../shared/pcaps").normalize();
    boolean present = Files.isDirectory(pcaps);
    if (!present && required()) {
      throw new AssertionError("../shared/pcaps not found: corpus tests need it (netanal.requireAllTests=true)");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(present, "../shared/pcaps not found: corpus tests need it");
    return pcaps;
  }

  /** True when the build demands that no test skip for missing prerequisites. */
  public static boolean required() {
    return Boolean.getBoolean("netanal.requireAllTests");
  }
}
