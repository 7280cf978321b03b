package io.netanal.chart;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * Row labels for {@link TalkersChart}: each endpoint's address, right-aligned in the space left of the plot at
 * its row's height. XChart's own y ticks are placed at round numbers, not at every row, so the chart draws these
 * instead.
 *
 * <p>Part of one chart; painted on the thread that paints it.
 */
final class EndpointLabels extends Annotation {
  /** Gap between a label's end and the plot's left edge. */
  private static final int GAP = 8;

  private final String[] labels;

  /** {@code labels[i]} is drawn at y = {@code i} in chart coordinates. */
  EndpointLabels(String[] labels) {
    super(false);
    this.labels = labels.clone();
  }

  /** Pixels the widest label needs, for reserving the space left of the plot. */
  static int width(String[] labels, FontMetrics metrics) {
    int widest = 0;
    for (String label : labels) {
      widest = Math.max(widest, metrics.stringWidth(label));
    }
    return widest + GAP;
  }

  @Override
  public void paint(Graphics2D g) {
    if (!isVisible) {
      return;
    }
    g.setFont(ChartStyle.TICK_FONT);
    g.setColor(ChartStyle.TEXT);
    FontMetrics metrics = g.getFontMetrics();
    int right = getXAxisScreenValue(0.0) - GAP; // the bars start at x = 0
    for (int i = 0; i < labels.length; i++) {
      int y = getYAxisScreenValue(i);
      g.drawString(labels[i], right - metrics.stringWidth(labels[i]), y + metrics.getAscent() / 2 - 1);
    }
    bounds = new Rectangle2D.Double();
  }
}
