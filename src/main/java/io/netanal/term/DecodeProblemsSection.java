package io.netanal.term;

import io.netanal.report.Report;
import io.netanal.stats.DecodeExample;
import io.netanal.stats.DecodeProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Frames not fully decoded: how many, by reason, and the first examples. */
final class DecodeProblemsSection implements ReportSection {
  @Override
  public void render(Report report, ReportLayout layout) {
    DecodeProblems d = report.decode();
    if (d == null || d.frames() == 0) {
      return;
    }
    long packets = report.summary().packets();
    layout.heading("Decode problems");
    layout.println(layout.paint().warn(layout.cut("  " + Units.count(d.frames()) + " of " + Units.count(packets)
        + " frames (" + Units.percent(d.frames(), packets) + ") not fully decoded")));
    if (d.reasons() != null && !d.reasons().isEmpty()) {
      TextTable t = layout.newTable().flexible("reason", 10).right("frames");
      d.reasons().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> t.row(e.getKey(), Units.count(e.getValue())));
      layout.table(t);
    }
    if (!ReportLayout.isEmpty(d.examples())) {
      List<String> items = new ArrayList<>();
      for (DecodeExample e : d.examples()) {
        items.add("frame " + Units.count(e.frame()) + " " + e.reason());
      }
      layout.wrap("first: " + String.join(", ", items));
    }
  }
}
