package io.netanal.term;

import io.netanal.flow.FlowRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The console view of {@code netanal flows}: a heading with the flow count and states, then a table of the top
 * flows (originator and responder with their names where known, protocol, service, state, packets, bytes,
 * duration), fitted to the terminal's width.
 *
 * <p>Stateless apart from its style; called on one thread, off the hot path.
 */
public final class FlowsRenderer {
  private static final java.time.format.DateTimeFormatter START =
      java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
  private final ConsoleStyle style;
  private final Paint paint;
  private final String ellipsis;

  public FlowsRenderer(ConsoleStyle style) {
    this.style = style;
    this.paint = new Paint(style.colour());
    this.ellipsis = style.unicode() ? "…" : "~";
  }

  /**
   * @param total flows seen
   * @param byState flows per conn_state, most first
   * @param names an address's learnt name, or null (a function that always returns null for none)
   */
  public void render(String title, long total, Map<String, Long> byState, List<FlowRecord> top,
      Function<String, String> names, PrintWriter out) {
    String rule = style.unicode() ? "─" : "-";
    String text = rule.repeat(2) + " " + title + " ";
    out.println(paint.heading(cut(text + rule.repeat(Math.max(0, Math.min(style.width(), 72) - text.length())))));
    StringBuilder states = new StringBuilder();
    byState.forEach((state, n) -> states.append(states.length() == 0 ? "" : ", ").append(state).append(' ')
        .append(Units.count(n)));
    out.println(cut("  flows  " + Units.count(total) + (states.length() == 0 ? "" : " (" + states + ")")));
    if (top.isEmpty()) {
      out.flush();
      return;
    }
    out.println();
    TextTable t = new TextTable("  ", ellipsis).left("start").left("proto").flexible("originator", 15)
        .flexible("responder", 15).left("service").left("state").right("packets").right("bytes").right("duration");
    for (FlowRecord f : top) {
      t.row(START.format(java.time.Instant.ofEpochSecond(0, f.tsNanos())), f.proto(),
          endpoint(f.origAddress(), f.origPort(), names), endpoint(f.respAddress(), f.respPort(), names),
          f.service() == null ? "-" : f.service(), f.state(), Units.count(f.packets()), Units.bytes(f.ipBytes()),
          String.format(Locale.US, "%.3f s", f.durationNanos() / 1e9));
    }
    List<String> lines = t.lines(style.width());
    out.println(paint.tableHeader(lines.get(0)));
    for (int i = 1; i < lines.size(); i++) {
      out.println(lines.get(i));
    }
    out.flush();
  }

  private static String endpoint(String address, int port, Function<String, String> names) {
    String name = names.apply(address);
    String shown = name == null ? address : name + " (" + address + ")";
    String host = address.indexOf(':') >= 0 && name == null ? "[" + shown + "]" : shown;
    return port < 0 ? host : host + ":" + port;
  }

  private String cut(String s) {
    return s.length() > style.width() ? s.substring(0, style.width()) : s;
  }
}
