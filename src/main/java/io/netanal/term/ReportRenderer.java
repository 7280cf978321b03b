package io.netanal.term;

import io.netanal.report.Report;
import java.io.PrintWriter;
import java.util.List;

/**
 * The console view of a {@link Report}: a summary panel, live capture counters, the protocol hierarchy, top
 * talkers and conversations, a bandwidth sparkline, packet sizes, TCP flags, decode problems and flows, laid out at
 * the style's width with or without colour. Each is a {@link ReportSection}, laid out by a {@link ReportLayout}
 * made for the render; sections without data are left out, and only the summary and the capture counters are
 * shown for a report without packets. No line is longer than the width (tables shrink their address columns,
 * then cut), and colour codes are added after layout.
 *
 * <p>Immutable: any number of renders, each on its caller's thread. The writer is flushed, not closed.
 */
public final class ReportRenderer {
  private static final List<ReportSection> SECTIONS = List.of(new SummarySection(), new CaptureSection(),
      new SpoolSection(), new ProtocolsSection(), new TalkersSection(), new ConversationsSection(),
      new BandwidthSection(), new SizesSection(), new TcpFlagsSection(), new DecodeProblemsSection(),
      new TopFlowsSection(),
      new AlertsSection());

  private final ConsoleStyle style;
  private final Paint paint;

  public ReportRenderer(ConsoleStyle style) {
    this.style = style;
    this.paint = new Paint(style.colour());
  }

  /** Writes {@code report} to {@code out} and flushes it. */
  public void render(Report report, PrintWriter out) {
    ReportLayout layout = new ReportLayout(style, paint, out);
    boolean packets = report.summary() != null && report.summary().packets() > 0;
    for (ReportSection section : SECTIONS) {
      if (packets || !section.needsPackets()) {
        section.render(report, layout);
      }
    }
    out.flush();
  }
}
