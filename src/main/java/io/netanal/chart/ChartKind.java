package io.netanal.chart;

import io.netanal.report.Report;

/**
 * The charts {@code netanal chart} draws, by the name the command line uses.
 *
 * <p>Immutable; any thread.
 */
public enum ChartKind {
  PROTOCOLS("protocols"),
  BANDWIDTH("bandwidth"),
  TALKERS("talkers"),
  SIZES("sizes");

  private final String label;

  ChartKind(String label) {
    this.label = label;
  }

  /** The command-line name, also used in the default file name {@code netanal-<name>.png}. */
  public String label() {
    return label;
  }

  /** This chart of {@code report}, for an image of {@code width} x {@code height}; {@code top} cuts talkers. */
  public TitledChart build(Report report, int width, int height, int top) {
    switch (this) {
      case PROTOCOLS: return ProtocolChart.of(report, width, height);
      case BANDWIDTH: return BandwidthChart.of(report, width, height);
      case TALKERS: return TalkersChart.of(report, width, height, top);
      case SIZES: return SizesChart.of(report, width, height);
      default: throw new AssertionError(this);
    }
  }

  @Override
  public String toString() {
    return label;
  }
}
