package io.netanal.chart;

import io.netanal.InvalidInputException;
import io.netanal.report.Report;
import io.netanal.stats.ProtocolCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;

/**
 * Protocol share: one bar per protocol, the percentage of all frames that contain it (as in tshark's protocol
 * hierarchy, a frame counts once for every protocol in it), grouped and coloured by layer from link to
 * application.
 *
 * <p>Stateless; any thread.
 */
public final class ProtocolChart {
  private static final String[] LAYERS = {"link", "network", "transport", "application"};

  private ProtocolChart() {}

  public static TitledChart of(Report report, int width, int height) {
    List<ProtocolCount> rows = new ArrayList<>(report.protocols() == null ? List.of() : report.protocols());
    long frames = report.summary() == null ? 0 : report.summary().packets();
    if (rows.isEmpty() || frames == 0) {
      throw new InvalidInputException("chart protocols: no protocols in the report (packets: " + frames + ")");
    }
    rows.sort(Comparator.comparingInt((ProtocolCount p) -> layerIndex(p.layer()))
        .thenComparing(Comparator.comparingLong(ProtocolCount::packets).reversed()));

    CategoryChart chart = new CategoryChart(width, ChartStyle.bodyHeight(height));
    ChartStyle.applyAxes(chart.getStyler());
    chart.setXAxisTitle("Protocol (grouped by layer)");
    chart.setYAxisTitle("Frames containing the protocol (%)");
    chart.getStyler().setOverlapped(true); // one series per layer, zero elsewhere: bars line up, coloured by layer
    chart.getStyler().setAvailableSpaceFill(0.7);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setyAxisTickLabelsFormattingFunction(v -> String.format(Locale.ROOT, "%.0f %%", v));
    if (rows.size() > 16) {
      chart.getStyler().setXAxisLabelRotation(45);
    }

    List<String> names = new ArrayList<>();
    for (ProtocolCount p : rows) {
      names.add(p.name());
    }
    for (String layer : LAYERS) {
      List<Double> share = new ArrayList<>();
      boolean any = false;
      for (ProtocolCount p : rows) {
        boolean inLayer = layer.equals(p.layer());
        any |= inLayer;
        share.add(inLayer ? 100.0 * p.packets() / frames : 0.0);
      }
      if (any) {
        chart.addSeries(layer, names, share);
      }
    }
    return new TitledChart("Protocol share by layer", ChartText.subtitle(report), chart);
  }

  private static int layerIndex(String layer) {
    for (int i = 0; i < LAYERS.length; i++) {
      if (LAYERS[i].equals(layer)) {
        return i;
      }
    }
    return LAYERS.length;
  }
}
