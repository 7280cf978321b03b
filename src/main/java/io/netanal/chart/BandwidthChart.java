package io.netanal.chart;

import io.netanal.InvalidInputException;
import io.netanal.frame.TimestampFormat;
import io.netanal.report.Report;
import io.netanal.stats.Bandwidth;
import io.netanal.stats.BandwidthSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Bandwidth over time: bits per second (left axis) and packets per second (right axis) for each interval of the
 * report's bandwidth series, against wall-clock time (UTC).
 *
 * <p>Stateless; any thread.
 */
public final class BandwidthChart {
  private BandwidthChart() {}

  public static TitledChart of(Report report, int width, int height) {
    Bandwidth series = report.bandwidth();
    if (series == null || series.samples() == null || series.samples().isEmpty() || series.start() == null) {
      throw new InvalidInputException("chart bandwidth: no bandwidth samples in the report (packets: "
          + (report.summary() == null ? 0 : report.summary().packets()) + ")");
    }
    double interval = series.intervalSeconds();
    Instant start = TimestampFormat.parse(series.start());
    if (start == null) {
      throw new InvalidInputException("chart bandwidth: start " + series.start()
          + " (expected: decimal epoch seconds, e.g. 1700000000.000000000)");
    }
    List<Date> times = new ArrayList<>();
    List<Double> bits = new ArrayList<>();
    List<Double> packets = new ArrayList<>();
    for (BandwidthSample s : series.samples()) {
      times.add(Date.from(start.plusNanos(Math.round(s.offsetSeconds() * 1e9))));
      bits.add(s.bytes() * 8 / interval);
      packets.add(s.packets() / interval);
    }
    if (times.size() == 1) {
      // One interval: draw it as a level from its start to its end rather than a lone point.
      times.add(Date.from(start.plusNanos(Math.round(interval * 1e9))));
      bits.add(bits.get(0));
      packets.add(packets.get(0));
    }

    XYChart chart = new XYChart(width, ChartStyle.bodyHeight(height));
    ChartStyle.applyAxes(chart.getStyler());
    chart.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
    chart.getStyler().setLocale(Locale.ROOT);
    chart.getStyler().setDatePattern(datePattern(times));
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    chart.getStyler().setYAxisMin(0, 0.0);
    chart.getStyler().setYAxisMin(1, 0.0);
    // Headroom above the highest value, so that the peak is not drawn on the frame under the legend.
    chart.getStyler().setYAxisMax(0, headroom(bits));
    chart.getStyler().setYAxisMax(1, headroom(packets));
    chart.getStyler().setyAxisTickLabelsFormattingFunction(ChartText::si);
    chart.getStyler().setPlotGridVerticalLinesVisible(true);
    chart.setXAxisTitle("Time (UTC), " + ChartText.si(interval) + " s intervals");
    chart.setYAxisGroupTitle(0, "Throughput (bit/s)");
    chart.setYAxisGroupTitle(1, "Packet rate (packets/s)");

    boolean markers = times.size() <= 60;
    XYSeries bitSeries = chart.addSeries("bits/s", times, bits);
    bitSeries.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    bitSeries.setLineColor(ChartStyle.BLUE);
    bitSeries.setMarkerColor(ChartStyle.BLUE);
    bitSeries.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    bitSeries.setYAxisGroup(0);
    XYSeries packetSeries = chart.addSeries("packets/s", times, packets);
    packetSeries.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    packetSeries.setLineColor(ChartStyle.ORANGE);
    packetSeries.setMarkerColor(ChartStyle.ORANGE);
    packetSeries.setMarker(markers ? SeriesMarkers.DIAMOND : SeriesMarkers.NONE);
    packetSeries.setYAxisGroup(1);
    return new TitledChart("Bandwidth over time", ChartText.subtitle(report), chart);
  }

  private static double headroom(List<Double> values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    return max > 0 ? max * 1.15 : 1;
  }

  /** Enough of the clock to tell ticks apart: milliseconds under a few seconds, minutes over a day. */
  private static String datePattern(List<Date> times) {
    long spanMillis = times.get(times.size() - 1).getTime() - times.get(0).getTime();
    if (spanMillis < 5_000) {
      return "HH:mm:ss.SSS";
    }
    if (spanMillis < 86_400_000L) {
      return "HH:mm:ss";
    }
    return "MM-dd HH:mm";
  }
}
