package io.netanal.term;

import io.netanal.report.CaptureCounters;
import io.netanal.report.Report;
import java.util.List;

/** A live capture's counters: frames received and dropped (by the queue, the kernel, the interface). */
final class CaptureSection implements ReportSection {
  @Override
  public boolean needsPackets() {
    return false; // a capture that saw nothing still says what it dropped
  }

  @Override
  public void render(Report report, ReportLayout layout) {
    CaptureCounters c = report.capture();
    if (c == null) {
      return;
    }
    layout.heading("Capture");
    TextTable t = layout.newTable().left("").right("").left("");
    t.row("received", Units.count(c.received()), "");
    t.row("dropped by queue", Units.count(c.droppedByQueue()), dropShare(c.droppedByQueue(), c));
    t.row("dropped by kernel", Units.count(c.droppedByKernel()), dropShare(c.droppedByKernel(), c));
    t.row("dropped by interface", Units.count(c.droppedByInterface()), dropShare(c.droppedByInterface(), c));
    List<String> lines = t.lines(layout.width());
    long[] counts = {c.received(), c.droppedByQueue(), c.droppedByKernel(), c.droppedByInterface()};
    for (int i = 1; i < lines.size(); i++) {
      String l = lines.get(i).stripTrailing();
      layout.println(i > 1 && counts[i - 1] > 0 ? layout.paint().alert(l) : l);
    }
  }

  private static String dropShare(long dropped, CaptureCounters c) {
    long seen = c.received() + c.droppedByKernel() + c.droppedByInterface();
    return dropped == 0 ? "" : Units.percent(dropped, seen);
  }
}
