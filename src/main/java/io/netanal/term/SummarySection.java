package io.netanal.term;

import io.netanal.report.Report;
import io.netanal.report.Source;
import io.netanal.stats.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The summary panel: source, format, packets, bytes, time range, duration and rate. Shown for every report. */
final class SummarySection implements ReportSection {
  @Override
  public boolean needsPackets() {
    return false;
  }

  @Override
  public void render(Report report, ReportLayout layout) {
    Source source = report.source();
    Summary s = report.summary();
    layout.heading("Summary");
    if (source != null) {
      layout.field("source", source.name() + ("live".equals(source.kind()) ? " (live capture)" : ""));
      List<String> format = new ArrayList<>();
      if (source.format() != null) {
        format.add(source.format());
      }
      if (!ReportLayout.isEmpty(source.linkTypes())) {
        format.add("link types " + String.join(", ", source.linkTypes()));
      }
      if (source.snaplen() != null) {
        format.add("snaplen " + Units.count(source.snaplen()));
      }
      if (!format.isEmpty()) {
        layout.field("format", String.join("; ", format));
      }
      if (source.filter() != null) {
        layout.field("filter", source.filter());
      }
    }
    if (s == null || s.packets() == 0) {
      layout.field("packets", "0 (no packets)");
      return;
    }
    layout.field("packets", Units.count(s.packets()));
    layout.field("bytes", bytesWithExact(s.bytes()));
    if (s.capturedBytes() != s.bytes()) {
      layout.field("captured", bytesWithExact(s.capturedBytes()));
    }
    if (s.firstTimestamp() != null) {
      layout.field("first", Timestamps.iso(s.firstTimestamp()));
      layout.field("last", Timestamps.iso(s.lastTimestamp()));
    }
    double d = s.durationSeconds();
    layout.field("duration", Units.duration(d)
        + (d >= 60 ? String.format(Locale.US, " (%.3f s)", d) : ""));
    if (d > 0) {
      layout.field("rate", Units.rate(s.packetsPerSecond()) + " packets/s, " + Units.bitRate(s.bitsPerSecond()));
    }
  }

  private static String bytesWithExact(long bytes) {
    return bytes < 1000 ? Units.count(bytes) + " bytes"
        : Units.bytes(bytes) + " (" + Units.count(bytes) + " bytes)";
  }
}
