package io.netanal.term;

import io.netanal.report.Report;
import io.netanal.stats.SizeBucket;
import java.util.List;

/** Frames per wire-length bucket, with bars scaled to the largest bucket. */
final class SizesSection implements ReportSection {
  @Override
  public void render(Report report, ReportLayout layout) {
    List<SizeBucket> sizes = report.sizes();
    if (ReportLayout.isEmpty(sizes)) {
      return;
    }
    long total = 0;
    long max = 0;
    for (SizeBucket b : sizes) {
      total += b.packets();
      max = Math.max(max, b.packets());
    }
    if (total == 0) {
      return;
    }
    layout.heading("Packet sizes");
    TextTable t = layout.newTable().left("bytes").right("packets").right("share");
    double[] shares = new double[sizes.size()];
    for (int i = 0; i < sizes.size(); i++) {
      SizeBucket b = sizes.get(i);
      t.row(b.range(), Units.count(b.packets()), Units.percent(b.packets(), total));
      shares[i] = (double) b.packets() / max; // scaled to the largest bucket: the shape is what matters
    }
    layout.tableWithBars(t, shares);
  }
}
