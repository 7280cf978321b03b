package io.netanal.term;

import io.netanal.report.Report;
import io.netanal.stats.Conversation;
import java.util.List;

/**
 * The top conversations: packets and bytes each way between two addresses (with the names learnt for them), and
 * how long they talked.
 */
final class ConversationsSection implements ReportSection {
  @Override
  public void render(Report report, ReportLayout layout) {
    List<Conversation> conversations = report.conversations();
    if (ReportLayout.isEmpty(conversations)) {
      return;
    }
    layout.heading("Top conversations");
    // Each direction in its own columns where that fits; otherwise both directions share a cell ("a>b/b>a")
    // and the "<->" column goes, which keeps two IPv4 addresses whole at 80 columns.
    TextTable wide = layout.newTable().flexible("a", 12).left("").flexible("b", 12)
        .right("pkts a>b").right("pkts b>a").right("bytes a>b").right("bytes b>a").right("duration");
    TextTable narrow = layout.newTable().flexible("a", 15).flexible("b", 15)
        .right("pkts a>b/b>a").right("bytes a>b/b>a").right("duration");
    AddressLabels labels = AddressLabels.of(report);
    for (Conversation c : conversations) {
      String a = labels.label(c.a());
      String b = labels.label(c.b());
      String duration = Units.duration(Timestamps.secondsBetween(c.firstTimestamp(), c.lastTimestamp()));
      wide.row(a, "<->", b, Units.count(c.packetsAToB()), Units.count(c.packetsBToA()),
          Units.bytes(c.bytesAToB()), Units.bytes(c.bytesBToA()), duration);
      narrow.row(a, b, Units.count(c.packetsAToB()) + "/" + Units.count(c.packetsBToA()),
          Units.bytes(c.bytesAToB()) + "/" + Units.bytes(c.bytesBToA()), duration);
    }
    layout.table(wide.lines(Integer.MAX_VALUE).get(0).length() <= layout.width() ? wide : narrow);
    layout.omitted(report.conversationsOmitted(), "conversation", "conversations");
  }
}
