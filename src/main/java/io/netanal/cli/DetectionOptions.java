package io.netanal.cli;

import io.netanal.detect.AlertListener;
import io.netanal.detect.DetectionPipeline;
import io.netanal.detect.DetectionSettings;
import io.netanal.window.WindowListener;
import io.netanal.window.WindowSizes;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of windows and detection shared by {@code analyze}, {@code capture} and {@code windows}:
 * {@code --windows SIZES}, {@code --detect FILE}, {@code --no-detect}. Validated once, before any input is read, so
 * a bad size or settings file fails at once (exit 2).
 */
final class DetectionOptions {
  @Option(names = "--windows", paramLabel = "SIZES", defaultValue = WindowSizes.DEFAULT,
      description = "Window sizes, multiples of 5s (default: ${DEFAULT-VALUE}).")
  String windows;

  @Option(names = "--detect", paramLabel = "FILE",
      description = "Detection thresholds to override (a properties file; see the README).")
  Path detectFile;

  @Option(names = "--no-detect", description = "No windows and no alerts (analyze reads large files in parallel).")
  boolean off;

  /** What to build: null pipelines when detection is off. */
  record Plan(WindowSizes sizes, DetectionSettings settings) {
    DetectionPipeline pipeline(AlertListener alerts, WindowListener windows) {
      return sizes == null ? null : new DetectionPipeline(sizes, settings, alerts, windows);
    }
  }

  Plan plan() throws IOException {
    if (off) {
      return new Plan(null, null);
    }
    WindowSizes sizes = WindowSizes.parse(windows);
    DetectionSettings settings = detectFile == null ? DetectionSettings.defaults()
        : DetectionSettings.read(detectFile);
    return new Plan(sizes, settings);
  }
}
