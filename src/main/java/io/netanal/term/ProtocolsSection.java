package io.netanal.term;

import io.netanal.report.Report;
import io.netanal.stats.ProtocolCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The protocol hierarchy: frames and bytes per protocol, by layer, with a share bar. */
final class ProtocolsSection implements ReportSection {
  private static final String[] LAYERS = {"link", "network", "transport", "application"};

  @Override
  public void render(Report report, ReportLayout layout) {
    List<ProtocolCount> protocols = report.protocols();
    if (ReportLayout.isEmpty(protocols)) {
      return;
    }
    long packets = report.summary().packets();
    layout.heading("Protocols");
    List<ProtocolCount> ordered = new ArrayList<>(protocols);
    ordered.sort(Comparator.comparingInt((ProtocolCount p) -> layerRank(p.layer()))
        .thenComparing(Comparator.comparingLong(ProtocolCount::packets).reversed())
        .thenComparing(ProtocolCount::name));
    TextTable t = layout.newTable().left("layer").flexible("protocol", 6).right("packets").right("bytes")
        .right("share");
    double[] shares = new double[ordered.size()];
    String previousLayer = null;
    for (int i = 0; i < ordered.size(); i++) {
      ProtocolCount p = ordered.get(i);
      String layer = p.layer() == null ? "" : p.layer();
      t.row(layer.equals(previousLayer) ? "" : layer, p.name(), Units.count(p.packets()),
          Units.bytes(p.bytes()), Units.percent(p.packets(), packets));
      shares[i] = (double) p.packets() / packets;
      previousLayer = layer;
    }
    layout.tableWithBars(t, shares);
  }

  private static int layerRank(String layer) {
    for (int i = 0; i < LAYERS.length; i++) {
      if (LAYERS[i].equals(layer)) {
        return i;
      }
    }
    return LAYERS.length;
  }
}
