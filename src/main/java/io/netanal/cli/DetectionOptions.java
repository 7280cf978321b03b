package io.netanal.cli;

import io.netanal.InvalidInputException;
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
  /** Null when not given: the default sizes, and {@code capture} streams no window records. */
  @Option(names = "--windows", paramLabel = "SIZES",
      description = "Window sizes, multiples of 5s (default: " + WindowSizes.DEFAULT + ").")
  String windows;

  @Option(names = "--detect", paramLabel = "FILE",
      description = "Detection thresholds to override (a properties file; see the README).")
  Path detectFile;

  @Option(names = "--no-detect", description = "No windows and no alerts.")
  boolean off;

  /** What to build: null pipelines when detection is off. */
  record Plan(WindowSizes sizes, DetectionSettings settings) {
    DetectionPipeline pipeline(AlertListener alerts, WindowListener windows) {
      return sizes == null ? null : new DetectionPipeline(sizes, settings, alerts, windows);
    }
  }

  /** True when the user named window sizes (for {@code capture}: stream the window records). */
  boolean windowsGiven() {
    return windows != null;
  }

  Plan plan() throws IOException {
    if (off && windows != null) {
      throw new InvalidInputException("--no-detect: cannot be combined with --windows (windows are part of detection)");
    }
    if (off) {
      return new Plan(null, null);
    }
    WindowSizes sizes = WindowSizes.parse(windows == null ? WindowSizes.DEFAULT : windows);
    DetectionSettings settings = detectFile == null ? DetectionSettings.defaults()
        : DetectionSettings.read(detectFile);
    return new Plan(sizes, settings);
  }
}
