package io.netanal.term;

import io.netanal.report.Report;
import io.netanal.report.SpoolCounters;

/**
 * A spooling capture's spool (DESIGN.md section 7): the directory, the files made ready, and in the alert colour
 * what was lost: files the disk budget deleted before they were shipped, frames a failing disk dropped.
 */
final class SpoolSection implements ReportSection {
  /** As {@link ReportLayout#field}'s labels. */
  private static final int LABEL_WIDTH = 12;

  @Override
  public boolean needsPackets() {
    return false; // a spool that wrote nothing still says where and what it recovered
  }

  @Override
  public void render(Report report, ReportLayout layout) {
    SpoolCounters s = report.capture() == null ? null : report.capture().spool();
    if (s == null) {
      return;
    }
    layout.heading("Spool");
    layout.field("directory", s.directory());
    layout.field("ready", Units.count(s.files()) + " files, " + Units.count(s.packets()) + " packets, "
        + Units.bytes(s.bytes()));
    if (s.deletedFiles() > 0) {
      alert(layout, "deleted", Units.count(s.deletedFiles()) + " files, " + Units.count(s.deletedPackets())
          + " packets, " + Units.bytes(s.deletedBytes()) + " (over --spool-max, never shipped)");
    }
    if (s.droppedByDiskFull() > 0) {
      alert(layout, "dropped", Units.count(s.droppedByDiskFull()) + " packets (the spool's disk failed)");
    }
    if (s.recoveredFiles() + s.discardedFiles() > 0) {
      layout.field("at start", "recovered " + Units.count(s.recoveredFiles()) + ", discarded "
          + Units.count(s.discardedFiles()) + " files of an interrupted capture");
    }
  }

  private static void alert(ReportLayout layout, String label, String value) {
    String line = "  " + label + " ".repeat(Math.max(1, LABEL_WIDTH - label.length())) + value;
    layout.println(layout.paint().alert(layout.cut(line)));
  }
}
