package io.netanal.chart;

import io.netanal.InvalidInputException;
import io.netanal.report.Report;
import io.netanal.stats.SizeBucket;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;

/**
 * Packet sizes: a histogram of frames by wire length in the report's buckets (tshark's {@code plen} ranges), each
 * bar labelled with its count.
 *
 * <p>Stateless; any thread.
 */
public final class SizesChart {
  private SizesChart() {}

  public static TitledChart of(Report report, int width, int height) {
    List<SizeBucket> buckets = report.sizes() == null ? List.of() : report.sizes();
    long frames = buckets.stream().mapToLong(SizeBucket::packets).sum();
    if (frames == 0) {
      throw new InvalidInputException("chart sizes: no packets in the report (packets: 0)");
    }
    List<String> ranges = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (SizeBucket b : buckets) {
      ranges.add(b.range());
      counts.add(b.packets());
    }
    CategoryChart chart = new CategoryChart(width, ChartStyle.bodyHeight(height));
    ChartStyle.applyAxes(chart.getStyler());
    chart.setXAxisTitle("Wire length (bytes)");
    chart.setYAxisTitle("Frames");
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setAvailableSpaceFill(0.9);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
    chart.getStyler().setLabelsFontColorAutomaticEnabled(true); // white on the bar, dark where it is short
    chart.getStyler().setLabelsPosition(0.9);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setyAxisTickLabelsFormattingFunction(ChartText::si);
    chart.addSeries("frames", ranges, counts);
    return new TitledChart("Packet sizes", ChartText.subtitle(report), chart);
  }
}
