package io.netanal.chart;

import io.netanal.InvalidInputException;
import io.netanal.report.Report;
import io.netanal.stats.Endpoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Top talkers: the first endpoints of the report (it sorts them by packets), each as a pair of horizontal bars,
 * bytes sent and bytes received, the busiest at the top.
 *
 * <p>XChart 3.8 draws bars only vertically, so each bar here is a thick line segment on an XY chart whose y
 * ticks are the endpoints' addresses. Stateless; any thread.
 */
public final class TalkersChart {
  /** Pixels an XY body spends outside its plot area vertically (x-axis labels, title, padding). */
  private static final int NON_PLOT_HEIGHT = 90;

  private TalkersChart() {}

  public static TitledChart of(Report report, int width, int height, int top) {
    List<Endpoint> endpoints = report.endpoints() == null ? List.of() : report.endpoints();
    int n = Math.min(top <= 0 ? endpoints.size() : top, endpoints.size());
    if (n == 0) {
      throw new InvalidInputException("chart talkers: no IP endpoints in the report");
    }
    int bodyHeight = ChartStyle.bodyHeight(height);
    XYChart chart = new XYChart(width, bodyHeight);
    ChartStyle.applyAxes(chart.getStyler());
    chart.setXAxisTitle("Bytes (wire length)");
    chart.setYAxisTitle("Endpoint");
    chart.getStyler().setPlotGridHorizontalLinesVisible(false);
    chart.getStyler().setPlotGridVerticalLinesVisible(true);
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setYAxisMin(-0.6);
    chart.getStyler().setYAxisMax(n - 0.4);
    chart.getStyler().setxAxisTickLabelsFormattingFunction(ChartText::si);

    double plotHeight = Math.max(bodyHeight - NON_PLOT_HEIGHT, 20);
    double rowPixels = plotHeight / n;
    // Spacing hint under one row's height makes XChart put a tick on every row (and maybe at halves: blank).
    chart.getStyler().setYAxisTickMarkSpacingHint((int) Math.max(8, rowPixels * 0.9));
    String[] labels = new String[n];
    float barPixels = (float) Math.max(1, rowPixels * 0.34);
    BasicStroke bar = new BasicStroke(barPixels, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
    for (int i = 0; i < n; i++) {
      Endpoint e = endpoints.get(i);
      double y = n - 1 - i;
      labels[i] = e.address();
      addBar(chart, i == 0 ? "sent" : "sent " + i, e.bytesSent(), y + 0.18, ChartStyle.BLUE, bar, i == 0);
      addBar(chart, i == 0 ? "received" : "received " + i, e.bytesReceived(), y - 0.18, ChartStyle.ORANGE, bar,
          i == 0);
    }
    chart.getStyler().setyAxisTickLabelsFormattingFunction(v -> label(labels, v));
    String title = "Top " + n + " talkers by packets" + (endpoints.size() > n ? " (of " + endpoints.size() + ")" : "")
        + ": bytes sent and received";
    return new TitledChart(title, ChartText.subtitle(report), chart);
  }

  private static void addBar(XYChart chart, String name, long bytes, double y, Color color, BasicStroke stroke,
      boolean inLegend) {
    XYSeries s = chart.addSeries(name, new double[] {0, bytes}, new double[] {y, y});
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(stroke);
    s.setShowInLegend(inLegend);
  }

  /** The address of the row at tick {@code v}; blank between rows. */
  private static String label(String[] labels, double v) {
    long row = Math.round(v);
    if (Math.abs(v - row) > 1e-6 || row < 0 || row >= labels.length) {
      return "";
    }
    return labels[labels.length - 1 - (int) row];
  }
}
