package io.netanal.term;

import io.netanal.report.CaptureCounters;
import io.netanal.report.Report;
import io.netanal.report.Source;
import io.netanal.stats.Bandwidth;
import io.netanal.stats.BandwidthSample;
import io.netanal.stats.Conversation;
import io.netanal.stats.DecodeExample;
import io.netanal.stats.DecodeProblems;
import io.netanal.stats.Endpoint;
import io.netanal.stats.ProtocolCount;
import io.netanal.stats.SizeBucket;
import io.netanal.stats.Summary;
import io.netanal.stats.TcpFlags;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console view of a {@link Report}: a summary panel, live capture counters, the protocol hierarchy, top
 * talkers and conversations, a bandwidth sparkline, packet sizes, TCP flags and decode problems, laid out at
 * the style's width with or without colour. Sections without data are left out; no line is longer than the
 * width (tables shrink their address columns, then cut), and colour codes are added after layout.
 *
 * <p>Stateless apart from its style; one render per call, on the caller's thread. The writer is flushed, not
 * closed.
 */
public final class ReportRenderer {
  private static final String[] LAYERS = {"link", "network", "transport", "application"};
  private static final int LABEL_WIDTH = 12;
  private static final int MAX_BAR = 24;
  private static final int MIN_BAR = 5;

  private final ConsoleStyle style;
  private final Paint paint;
  private final String ellipsis;
  private PrintWriter out;

  public ReportRenderer(ConsoleStyle style) {
    this.style = style;
    this.paint = new Paint(style.colour());
    this.ellipsis = style.unicode() ? "…" : "~";
  }

  /** Writes {@code report} to {@code out} and flushes it. */
  public void render(Report report, PrintWriter out) {
    this.out = out;
    try {
      Summary summary = report.summary();
      long packets = summary == null ? 0 : summary.packets();
      summary(report.source(), summary);
      capture(report.capture());
      if (packets > 0) {
        protocols(report.protocols(), packets);
        if (isEmpty(report.endpoints()) && isEmpty(report.conversations())) {
          blank();
          line("No IP traffic: no talkers or conversations to show.");
        } else {
          talkers(report);
          conversations(report);
        }
        bandwidth(report.bandwidth());
        sizes(report.sizes());
        tcpFlags(report.tcpFlags());
        decode(report.decode(), packets);
        new FlowsSectionRenderer(style).render(report.flows(), report.names(), out);
      }
      out.flush();
    } finally {
      this.out = null;
    }
  }

  private void summary(Source source, Summary s) {
    heading("Summary");
    if (source != null) {
      field("source", source.name() + ("live".equals(source.kind()) ? " (live capture)" : ""));
      List<String> format = new ArrayList<>();
      if (source.format() != null) {
        format.add(source.format());
      }
      if (!isEmpty(source.linkTypes())) {
        format.add("link types " + String.join(", ", source.linkTypes()));
      }
      if (source.snaplen() != null) {
        format.add("snaplen " + Units.count(source.snaplen()));
      }
      if (!format.isEmpty()) {
        field("format", String.join("; ", format));
      }
      if (source.filter() != null) {
        field("filter", source.filter());
      }
    }
    if (s == null || s.packets() == 0) {
      field("packets", "0 (no packets)");
      return;
    }
    field("packets", Units.count(s.packets()));
    field("bytes", bytesWithExact(s.bytes()));
    if (s.capturedBytes() != s.bytes()) {
      field("captured", bytesWithExact(s.capturedBytes()));
    }
    if (s.firstTimestamp() != null) {
      field("first", Timestamps.iso(s.firstTimestamp()));
      field("last", Timestamps.iso(s.lastTimestamp()));
    }
    double d = s.durationSeconds();
    field("duration", Units.duration(d)
        + (d >= 60 ? String.format(Locale.ROOT, " (%.3f s)", d) : ""));
    if (d > 0) {
      field("rate", Units.rate(s.packetsPerSecond()) + " packets/s, " + Units.bitRate(s.bitsPerSecond()));
    }
  }

  private static String bytesWithExact(long bytes) {
    return bytes < 1000 ? Units.count(bytes) + " bytes"
        : Units.bytes(bytes) + " (" + Units.count(bytes) + " bytes)";
  }

  private void capture(CaptureCounters c) {
    if (c == null) {
      return;
    }
    heading("Capture");
    TextTable t = new TextTable("  ", ellipsis).left("").right("").left("");
    t.row("received", Units.count(c.received()), "");
    t.row("dropped by queue", Units.count(c.droppedByQueue()), dropShare(c.droppedByQueue(), c));
    t.row("dropped by kernel", Units.count(c.droppedByKernel()), dropShare(c.droppedByKernel(), c));
    t.row("dropped by interface", Units.count(c.droppedByInterface()), dropShare(c.droppedByInterface(), c));
    List<String> lines = t.lines(style.width());
    long[] counts = {c.received(), c.droppedByQueue(), c.droppedByKernel(), c.droppedByInterface()};
    for (int i = 1; i < lines.size(); i++) {
      String l = lines.get(i).stripTrailing();
      out.println(i > 1 && counts[i - 1] > 0 ? paint.alert(l) : l);
    }
  }

  private static String dropShare(long dropped, CaptureCounters c) {
    long seen = c.received() + c.droppedByKernel() + c.droppedByInterface();
    return dropped == 0 ? "" : Units.percent(dropped, seen);
  }

  private void protocols(List<ProtocolCount> protocols, long packets) {
    if (isEmpty(protocols)) {
      return;
    }
    heading("Protocols");
    List<ProtocolCount> ordered = new ArrayList<>(protocols);
    ordered.sort(Comparator.comparingInt((ProtocolCount p) -> layerRank(p.layer()))
        .thenComparing(Comparator.comparingLong(ProtocolCount::packets).reversed())
        .thenComparing(ProtocolCount::name));
    TextTable t = new TextTable("  ", ellipsis).left("layer").flexible("protocol", 6).right("packets")
        .right("bytes").right("share");
    double[] shares = new double[ordered.size()];
    String previousLayer = null;
    for (int i = 0; i < ordered.size(); i++) {
      ProtocolCount p = ordered.get(i);
      String layer = p.layer() == null ? "" : p.layer();
      t.row(layer.equals(previousLayer) ? "" : layer, p.name(), Units.count(p.packets()),
          Units.bytes(p.bytes()), Units.percent(p.packets(), packets));
      shares[i] = (double) p.packets() / packets;
      previousLayer = layer;
    }
    tableWithBars(t, shares);
  }

  private static int layerRank(String layer) {
    for (int i = 0; i < LAYERS.length; i++) {
      if (LAYERS[i].equals(layer)) {
        return i;
      }
    }
    return LAYERS.length;
  }

  private void talkers(Report report) {
    List<Endpoint> endpoints = report.endpoints();
    if (isEmpty(endpoints)) {
      return;
    }
    heading("Top talkers");
    TextTable t = new TextTable("  ", ellipsis).flexible("address", 15).right("pkts sent").right("pkts recv")
        .right("bytes sent").right("bytes recv").right("total");
    for (Endpoint e : endpoints) {
      t.row(e.address(), Units.count(e.packetsSent()), Units.count(e.packetsReceived()),
          Units.bytes(e.bytesSent()), Units.bytes(e.bytesReceived()),
          Units.bytes(e.bytesSent() + e.bytesReceived()));
    }
    table(t);
    omitted(report.endpointsOmitted(), "endpoint", "endpoints");
  }

  private void conversations(Report report) {
    List<Conversation> conversations = report.conversations();
    if (isEmpty(conversations)) {
      return;
    }
    heading("Top conversations");
    // Each direction in its own columns where that fits; otherwise both directions share a cell ("a>b/b>a")
    // and the "<->" column goes, which keeps two IPv4 addresses whole at 80 columns.
    TextTable wide = new TextTable("  ", ellipsis).flexible("a", 12).left("").flexible("b", 12)
        .right("pkts a>b").right("pkts b>a").right("bytes a>b").right("bytes b>a").right("duration");
    TextTable narrow = new TextTable("  ", ellipsis).flexible("a", 15).flexible("b", 15)
        .right("pkts a>b/b>a").right("bytes a>b/b>a").right("duration");
    for (Conversation c : conversations) {
      String duration = Units.duration(Timestamps.secondsBetween(c.firstTimestamp(), c.lastTimestamp()));
      wide.row(c.a(), "<->", c.b(), Units.count(c.packetsAToB()), Units.count(c.packetsBToA()),
          Units.bytes(c.bytesAToB()), Units.bytes(c.bytesBToA()), duration);
      narrow.row(c.a(), c.b(), Units.count(c.packetsAToB()) + "/" + Units.count(c.packetsBToA()),
          Units.bytes(c.bytesAToB()) + "/" + Units.bytes(c.bytesBToA()), duration);
    }
    table(wide.lines(Integer.MAX_VALUE).get(0).length() <= style.width() ? wide : narrow);
    omitted(report.conversationsOmitted(), "conversation", "conversations");
  }

  private void bandwidth(Bandwidth bandwidth) {
    if (bandwidth == null || isEmpty(bandwidth.samples()) || bandwidth.intervalSeconds() <= 0) {
      return;
    }
    List<BandwidthSample> samples = bandwidth.samples();
    long[] bytes = new long[samples.size()];
    int peak = 0;
    long total = 0;
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = samples.get(i).bytes();
      total += bytes[i];
      if (bytes[i] > bytes[peak]) {
        peak = i;
      }
    }
    double interval = bandwidth.intervalSeconds();
    int room = style.width() - 2;
    int group = Bars.groupSize(bytes.length, room);
    heading("Bandwidth");
    String per = group == 1 ? "one character per interval"
        : "each character " + seconds(interval * group);
    words(List.of(seconds(interval) + " intervals", Units.count(bytes.length) + " samples", per,
        "peak " + Units.bitRate(bytes[peak] * 8 / interval) + " at +" + seconds(samples.get(peak).offsetSeconds()),
        // The mean over the same intervals as the peak, so that it can never exceed it (the summary's rate is
        // over first-to-last timestamp, which is shorter).
        "mean " + Units.bitRate(total * 8 / (interval * bytes.length))), ", ");
    out.println("  " + paint.graph(Bars.sparkline(Bars.merge(bytes, group), style.unicode())).stripTrailing());
  }

  /** {@code 1} as {@code "1 s"}, {@code 0.1} as {@code "0.1 s"}, {@code 125} as {@code "2m 05s"}. */
  private static String seconds(double s) {
    if (s >= 60) {
      return Units.duration(s);
    }
    String text = String.format(Locale.ROOT, "%.3f", s).replaceAll("0+$", "").replaceAll("\\.$", "");
    return text + " s";
  }

  private void sizes(List<SizeBucket> sizes) {
    if (isEmpty(sizes)) {
      return;
    }
    long total = 0;
    long max = 0;
    for (SizeBucket b : sizes) {
      total += b.packets();
      max = Math.max(max, b.packets());
    }
    if (total == 0) {
      return;
    }
    heading("Packet sizes");
    TextTable t = new TextTable("  ", ellipsis).left("bytes").right("packets").right("share");
    double[] shares = new double[sizes.size()];
    for (int i = 0; i < sizes.size(); i++) {
      SizeBucket b = sizes.get(i);
      t.row(b.range(), Units.count(b.packets()), Units.percent(b.packets(), total));
      shares[i] = (double) b.packets() / max; // scaled to the largest bucket: the shape is what matters
    }
    tableWithBars(t, shares);
  }

  private void tcpFlags(TcpFlags f) {
    if (f == null) {
      return;
    }
    long[] counts = {f.syn(), f.synAck(), f.fin(), f.rst(), f.psh(), f.ack(), f.urg(), f.ece(), f.cwr()};
    String[] names = {"SYN", "SYN/ACK", "FIN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
    List<String> items = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        items.add(names[i] + " " + Units.count(counts[i]));
      }
    }
    if (items.isEmpty()) {
      return;
    }
    heading("TCP flags");
    words(items, "  ");
  }

  private void decode(DecodeProblems d, long packets) {
    if (d == null || d.frames() == 0) {
      return;
    }
    heading("Decode problems");
    out.println(paint.warn(cut("  " + Units.count(d.frames()) + " of " + Units.count(packets) + " frames ("
        + Units.percent(d.frames(), packets) + ") not fully decoded")));
    if (d.reasons() != null && !d.reasons().isEmpty()) {
      TextTable t = new TextTable("  ", ellipsis).flexible("reason", 10).right("frames");
      d.reasons().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> t.row(e.getKey(), Units.count(e.getValue())));
      table(t);
    }
    if (!isEmpty(d.examples())) {
      List<String> items = new ArrayList<>();
      for (DecodeExample e : d.examples()) {
        items.add("frame " + Units.count(e.frame()) + " " + e.reason());
      }
      wrap("first: " + String.join(", ", items));
    }
  }

  // --- layout

  private void heading(String title) {
    blank();
    String rule = style.unicode() ? "─" : "-";
    String text = rule.repeat(2) + " " + title + " ";
    int fill = Math.min(style.width(), 72) - text.length();
    out.println(paint.heading(cut(text + rule.repeat(Math.max(0, fill)))));
  }

  private void field(String label, String value) {
    String prefix = "  " + label + " ".repeat(Math.max(1, LABEL_WIDTH - label.length()));
    TextTable fitter = new TextTable("", ellipsis);
    out.println(prefix + fitter.fit(value, style.width() - prefix.length()));
  }

  private void table(TextTable t) {
    List<String> lines = t.lines(style.width());
    out.println(paint.tableHeader(lines.get(0).stripTrailing()));
    for (int i = 1; i < lines.size(); i++) {
      out.println(lines.get(i).stripTrailing());
    }
  }

  /** The table with a bar of {@code fractions[row]} after each row, as wide as the remaining room allows. */
  private void tableWithBars(TextTable t, double[] fractions) {
    List<String> lines = t.lines(style.width());
    int barWidth = Math.min(MAX_BAR, style.width() - lines.get(0).length() - 2);
    out.println(paint.tableHeader(lines.get(0).stripTrailing()));
    for (int i = 1; i < lines.size(); i++) {
      String bar = barWidth < MIN_BAR ? "" : Bars.bar(fractions[i - 1], barWidth, style.unicode()).stripTrailing();
      out.println(bar.isEmpty() ? lines.get(i).stripTrailing() : lines.get(i) + "  " + paint.graph(bar));
    }
  }

  /** Items joined by {@code separator} and packed into lines, indented by two, no longer than the width. */
  private void words(List<String> items, String separator) {
    String mark = separator.stripTrailing();
    StringBuilder sb = new StringBuilder("  ");
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i);
      boolean first = sb.length() == 2;
      // room for the item, and for the separator's mark after it unless it is the last
      int need = separator.length() + item.length() + (i == items.size() - 1 ? 0 : mark.length());
      if (!first && sb.length() + need > style.width()) {
        out.println(cut(sb + mark)); // "a, b," then "c": the list visibly goes on
        sb.setLength(2);
        first = true;
      }
      sb.append(first ? "" : separator).append(item);
    }
    out.println(cut(sb.toString()));
  }

  /** Text broken at spaces into indented lines no longer than the width. */
  private void wrap(String text) {
    words(List.of(text.split(" ")), " ");
  }

  private void omitted(long omitted, String singular, String plural) {
    if (omitted > 0) {
      line(Units.count(omitted) + " more " + (omitted == 1 ? singular : plural) + " not shown (--top)", "  ");
    }
  }

  private void line(String text) {
    line(text, "");
  }

  private void line(String text, String indent) {
    out.println(cut(indent + text));
  }

  private void blank() {
    out.println();
  }

  private String cut(String s) {
    return s.length() > style.width() ? s.substring(0, style.width()) : s;
  }

  private static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }
}
