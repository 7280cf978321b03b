package io.netanal.term;

import io.netanal.report.Report;
import io.netanal.stats.TcpFlags;
import java.util.ArrayList;
import java.util.List;

/** TCP segments per flag on one packed line, flags never seen left out. */
final class TcpFlagsSection implements ReportSection {
  private static final String[] NAMES = {"SYN", "SYN/ACK", "FIN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};

  @Override
  public void render(Report report, ReportLayout layout) {
    TcpFlags f = report.tcpFlags();
    if (f == null) {
      return;
    }
    long[] counts = {f.syn(), f.synAck(), f.fin(), f.rst(), f.psh(), f.ack(), f.urg(), f.ece(), f.cwr()};
    List<String> items = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        items.add(NAMES[i] + " " + Units.count(counts[i]));
      }
    }
    if (items.isEmpty()) {
      return;
    }
    layout.heading("TCP flags");
    layout.words(items, "  ");
  }
}
