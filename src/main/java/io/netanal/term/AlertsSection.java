package io.netanal.term;

import io.netanal.detect.Alert;
import io.netanal.report.Report;

/**
 * Detection's alerts (DESIGN.md section 6), one wrapped line each: severity, type and the alert's own summary; "none"
 * when detection ran and raised nothing, and the count of packets that came after their window closed. Absent when
 * detection did not run. Shown even for an empty capture, where "none" is the answer.
 */
final class AlertsSection implements ReportSection {
  @Override
  public void render(Report report, ReportLayout layout) {
    if (report.alerts() == null) {
      return;
    }
    layout.heading("Alerts");
    if (report.alerts().isEmpty()) {
      layout.line("none", "  ");
    }
    AlertLine format = new AlertLine(layout.style());
    for (Alert a : report.alerts()) {
      layout.wrap(format.format(a));
    }
    if (report.detection() != null && report.detection().latePackets() > 0) {
      layout.line(Units.count(report.detection().latePackets()) + " packets came after their window closed "
          + "(counted, not windowed)", "  ");
    }
  }

  @Override
  public boolean needsPackets() {
    return false;
  }
}
