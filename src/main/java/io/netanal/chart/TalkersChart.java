package io.netanal.chart;

import io.netanal.InvalidInputException;
import io.netanal.report.Report;
import io.netanal.stats.Endpoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Top talkers: the first endpoints of the report (it sorts them by packets), each as a pair of horizontal bars,
 * bytes sent and bytes received, the busiest at the top.
 *
 * <p>XChart 3.8 draws bars only vertically, so each bar here is a thick line segment on an XY chart, and the
 * rows are labelled by {@link EndpointLabels}. Stateless; any thread.
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
    chart.getStyler().setYAxisTitleVisible(false); // the row labels are addresses: they speak for themselves
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setPlotGridHorizontalLinesVisible(false);
    chart.getStyler().setPlotGridVerticalLinesVisible(true);
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setYAxisMin(-0.6);
    chart.getStyler().setYAxisMax(n - 0.4);
    chart.getStyler().setxAxisTickLabelsFormattingFunction(ChartText::si);

    double rowPixels = Math.max(bodyHeight - NON_PLOT_HEIGHT, 20) / (double) n;
    String[] labels = new String[n];
    float barPixels = (float) Math.max(1, rowPixels * 0.34);
    BasicStroke bar = new BasicStroke(barPixels, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
    for (int i = 0; i < n; i++) {
      Endpoint e = endpoints.get(i);
      int row = n - 1 - i; // the busiest at the top
      labels[row] = e.address();
      addBar(chart, i == 0 ? "sent" : "sent " + i, e.bytesSent(), row + 0.18, ChartStyle.BLUE, bar, i == 0);
      addBar(chart, i == 0 ? "received" : "received " + i, e.bytesReceived(), row - 0.18, ChartStyle.ORANGE, bar,
          i == 0);
    }
    // XChart puts y ticks at round numbers, not on every row: hide them and label the rows directly.
    chart.getStyler().setYAxisTicksVisible(false);
    chart.getStyler().setYAxisLeftWidthHint(EndpointLabels.width(labels,
        ChartStyle.metrics(ChartStyle.TICK_FONT)));
    chart.addAnnotation(new EndpointLabels(labels));
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
}
