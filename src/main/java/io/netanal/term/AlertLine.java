package io.netanal.term;

import io.netanal.detect.Alert;

/**
 * One alert as a console line: severity, type, and the alert's own one-sentence summary, e.g. {@code high
 * port-scan  10.0.0.5 probed 1,000 TCP ports on 10.0.0.9 within 5 s (1,000 refused, 1,000 failed)}. Used by the
 * report's alerts section and by {@code capture} as each alert is raised. Stateless apart from the colours; any
 * thread.
 */
public final class AlertLine {
  private final Paint paint;

  public AlertLine(ConsoleStyle style) {
    this.paint = new Paint(style.colour());
  }

  public String format(Alert alert) {
    String severity = String.format("%-6s", alert.severity());
    String head = severity + " " + String.format("%-17s", alert.type());
    return ("high".equals(alert.severity()) ? paint.alert(head) : paint.warn(head)) + " " + alert.summary();
  }
}
