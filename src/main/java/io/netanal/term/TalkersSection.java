package io.netanal.term;

import io.netanal.report.Report;
import io.netanal.stats.Endpoint;
import java.util.List;

/**
 * The top talkers: packets and bytes sent and received per address, with the name learnt for it. A report with neither talkers nor
 * conversations says so here, once, instead of showing two empty sections.
 */
final class TalkersSection implements ReportSection {
  @Override
  public void render(Report report, ReportLayout layout) {
    List<Endpoint> endpoints = report.endpoints();
    if (ReportLayout.isEmpty(endpoints)) {
      if (ReportLayout.isEmpty(report.conversations())) {
        layout.blank();
        layout.line("No IP traffic: no talkers or conversations to show.");
      }
      return;
    }
    layout.heading("Top talkers");
    TextTable t = layout.newTable().flexible("address", 15).right("pkts sent").right("pkts recv")
        .right("bytes sent").right("bytes recv").right("total");
    AddressLabels labels = AddressLabels.of(report);
    for (Endpoint e : endpoints) {
      t.row(labels.label(e.address()), Units.count(e.packetsSent()), Units.count(e.packetsReceived()),
          Units.bytes(e.bytesSent()), Units.bytes(e.bytesReceived()),
          Units.bytes(e.bytesSent() + e.bytesReceived()));
    }
    layout.table(t);
    layout.omitted(report.endpointsOmitted(), "endpoint", "endpoints");
  }
}
