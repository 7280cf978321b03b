package io.netanal.analysis;

import io.netanal.InvalidInputException;

/**
 * How a capture file is analysed: how many endpoint and conversation rows the report keeps ({@code top}, 0 for
 * all), the bandwidth interval ({@code intervalSeconds}, 0 to choose automatically), and the BPF filter
 * expression applied to every frame (null for none).
 */
public record AnalysisOptions(int top, double intervalSeconds, String filter) {
  public static final int DEFAULT_TOP = 20;

  public AnalysisOptions {
    if (top < 0) {
      throw new InvalidInputException("top: " + top + " (expected: >= 0)");
    }
    if (!(intervalSeconds >= 0) || Double.isInfinite(intervalSeconds)) {
      throw new InvalidInputException("interval: " + intervalSeconds + " (expected: > 0 seconds)");
    }
  }

  public static AnalysisOptions defaults() {
    return new AnalysisOptions(DEFAULT_TOP, 0, null);
  }
}
