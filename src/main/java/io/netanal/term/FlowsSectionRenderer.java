package io.netanal.term;

import io.netanal.report.FlowRow;
import io.netanal.report.FlowsSection;
import io.netanal.report.NameRow;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's {@code Flows} console section: counts by state, service and end, and the largest flows with
 * originator and responder shown by name where one was learnt (address kept beside it).
 *
 * <p>Stateless apart from its style; called by {@link ReportRenderer} on its thread.
 */
final class FlowsSectionRenderer {
  private final ConsoleStyle style;
  private final Paint paint;
  private final String ellipsis;

  FlowsSectionRenderer(ConsoleStyle style) {
    this.style = style;
    this.paint = new Paint(style.colour());
    this.ellipsis = style.unicode() ? "…" : "~";
  }

  void render(FlowsSection flows, List<NameRow> names, PrintWriter out) {
    if (flows == null || flows.total() == 0) {
      return;
    }
    out.println();
    String rule = style.unicode() ? "─" : "-";
    String text = rule.repeat(2) + " Flows ";
    out.println(paint.heading(cut(text + rule.repeat(Math.max(0, Math.min(style.width(), 72) - text.length())))));
    out.println(cut("  flows     " + Units.count(flows.total()) + counts(flows.byState())));
    out.println(cut("  services  " + counts(flows.byService()).replaceFirst("^ \\(", "").replaceFirst("\\)$", "")));
    out.println(cut("  ended     " + counts(flows.byEnd()).replaceFirst("^ \\(", "").replaceFirst("\\)$", "")
        + (flows.evicted() > 0 ? ", " + paint.alert(Units.count(flows.evicted()) + " evicted (table full)") : "")));
    if (flows.top().isEmpty()) {
      return;
    }
    Map<String, String> byAddress = new HashMap<>();
    if (names != null) {
      for (NameRow n : names) {
        byAddress.put(n.address(), n.name());
      }
    }
    out.println();
    TextTable t = new TextTable("  ", ellipsis).left("proto").flexible("originator", 15)
        .flexible("responder", 15).left("service").left("state").right("packets").right("bytes").right("duration");
    for (FlowRow f : flows.top()) {
      t.row(f.proto(), endpoint(f.origAddress(), f.origPort(), byAddress),
          endpoint(f.respAddress(), f.respPort(), byAddress), f.service() == null ? "-" : f.service(), f.state(),
          Units.count(f.origPackets() + f.respPackets()), Units.bytes(f.origIpBytes() + f.respIpBytes()),
          String.format(Locale.ROOT, "%.3f s", f.duration()));
    }
    List<String> lines = t.lines(style.width());
    out.println(paint.tableHeader(lines.get(0)));
    for (int i = 1; i < lines.size(); i++) {
      out.println(lines.get(i));
    }
  }

  private static String counts(Map<String, Long> counts) {
    StringBuilder sb = new StringBuilder();
    counts.forEach((k, n) -> sb.append(sb.length() == 0 ? " (" : ", ").append(k).append(' ').append(Units.count(n)));
    return sb.length() == 0 ? "" : sb.append(')').toString();
  }

  private static String endpoint(String address, Integer port, Map<String, String> names) {
    String name = names.get(address);
    String host = name != null ? name + " (" + address + ")" : address.indexOf(':') >= 0 ? "[" + address + "]"
        : address;
    return port == null ? host : host + ":" + port;
  }

  private String cut(String s) {
    return s.length() > style.width() ? s.substring(0, style.width()) : s;
  }
}
