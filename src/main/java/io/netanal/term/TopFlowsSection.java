package io.netanal.term;

import io.netanal.report.FlowRow;
import io.netanal.report.FlowsSection;
import io.netanal.report.Report;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's flows: counts by state, service and end, and the largest flows with originator and responder shown
 * by name where one was learnt (address kept beside it).
 */
final class TopFlowsSection implements ReportSection {
  @Override
  public void render(Report report, ReportLayout layout) {
    FlowsSection flows = report.flows();
    if (flows == null || flows.total() == 0) {
      return;
    }
    layout.heading("Flows");
    layout.field("flows", Units.count(flows.total()) + counts(flows.byState(), " (", ")"));
    layout.field("services", counts(flows.byService(), "", ""));
    layout.field("ended", counts(flows.byEnd(), "", "")
        + (flows.evicted() > 0 ? ", " + Units.count(flows.evicted()) + " evicted (table full)" : ""));
    if (flows.top().isEmpty()) {
      return;
    }
    AddressLabels labels = AddressLabels.of(report);
    layout.blank();
    TextTable t = layout.newTable().left("proto").flexible("originator", 15).flexible("responder", 15)
        .left("service").left("state").right("packets").right("bytes").right("duration")
        .flexible("responder name", 8);
    for (FlowRow f : flows.top()) {
      t.row(f.proto(), AddressLabels.endpoint(f.origAddress(), f.origPort()),
          AddressLabels.endpoint(f.respAddress(), f.respPort()),
          f.service() == null ? "-" : f.service(), f.state(), Units.count(f.origPackets() + f.respPackets()),
          Units.bytes(f.origIpBytes() + f.respIpBytes()), String.format(Locale.US, "%.3f s", f.duration()),
          labels.name(f.respAddress()));
    }
    layout.table(t);
  }

  private static String counts(Map<String, Long> counts, String open, String close) {
    StringBuilder sb = new StringBuilder();
    counts.forEach((k, n) -> sb.append(sb.length() == 0 ? open : ", ").append(k).append(' ').append(Units.count(n)));
    return sb.length() == 0 ? "" : sb.append(close).toString();
  }

}
