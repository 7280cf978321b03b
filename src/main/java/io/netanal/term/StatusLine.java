package io.netanal.term;

import io.netanal.report.CaptureCounters;
import io.netanal.report.Report;
import io.netanal.stats.ProtocolCount;
import io.netanal.stats.Summary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The live capture's status line on standard error: elapsed time, packets, current rate (packets/s and
 * bits/s over the last refresh), drops and the three commonest protocols, redrawn three times per second and
 * erased when stopped. In plain mode (standard error not a terminal, {@code CI} or {@code NO_COLOR} set) it prints
 * nothing; the caller does not start it under {@code -q}.
 *
 * <p>{@link #start} and {@link #stop} are called by the capture command's thread; the snapshot supplier is
 * called on the status line's own daemon thread and must return an immutable, already published report. Lines
 * printed while it runs (alerts, window tables) go through {@link #printAbove}, from any thread, so they never
 * land in the middle of it.
 */
public final class StatusLine {
  private static final long PERIOD_MILLIS = 333;

  private final LiveLine line;
  private final Supplier<Report> snapshot;
  private final int width;
  private long startNanos;
  // Previous refresh, for the current rate; touched only by the refresh thread.
  private long lastNanos;
  private long lastPackets;
  private long lastBytes;

  public StatusLine(ConsoleStyle style, PrintWriter err, Supplier<Report> snapshot) {
    this.snapshot = snapshot;
    this.width = (style.terminal() ? style.width() : ConsoleStyle.TERMINAL_DEFAULT_WIDTH) - 1;
    this.line = style.live()
        ? new LiveLine(err, this::text, PERIOD_MILLIS, PERIOD_MILLIS, ConsoleStyle::isStderrTerminal)
        : null;
  }

  public void start() {
    if (line != null) {
      startNanos = System.nanoTime();
      lastNanos = startNanos;
      line.start();
    }
  }

  /** Stops refreshing and erases the line; the final report may follow at once. */
  public void stop() {
    if (line != null) {
      line.stop();
    }
  }

  /**
   * Prints {@code lines} (each ending in a line separator) to {@code target} above the status line: the line is
   * cleared, the text printed, the line redrawn. In plain mode, or when not running, the text is simply printed.
   */
  public void printAbove(PrintWriter target, String lines) {
    if (line != null) {
      line.printAbove(target, lines);
    } else {
      target.print(lines);
      target.flush();
    }
  }

  private String text() {
    Report report = snapshot.get();
    long now = System.nanoTime();
    Summary s = report == null ? null : report.summary();
    long packets = s == null ? 0 : s.packets();
    long bytes = s == null ? 0 : s.bytes();
    double seconds = (now - lastNanos) / 1e9;
    double packetRate = seconds > 0 ? (packets - lastPackets) / seconds : 0;
    double bitRate = seconds > 0 ? (bytes - lastBytes) * 8 / seconds : 0;
    lastNanos = now;
    lastPackets = packets;
    lastBytes = bytes;
    return format(now - startNanos, report, packetRate, bitRate, width);
  }

  /**
   * {@code "0:12  123,456 pkts  10,234 pkt/s  81.9 Mbit/s  drops 12  ip 97% tcp 81% tls 49%"}, at most
   * {@code width} characters.
   */
  static String format(long elapsedNanos, Report report, double packetsPerSecond, double bitsPerSecond,
      int width) {
    Summary s = report == null ? null : report.summary();
    long packets = s == null ? 0 : s.packets();
    StringBuilder sb = new StringBuilder();
    sb.append(Units.clock(elapsedNanos / 1_000_000_000L))
        .append("  ").append(Units.count(packets)).append(" pkts")
        .append("  ").append(Units.rate(packetsPerSecond)).append(" pkt/s")
        .append("  ").append(Units.bitRate(bitsPerSecond))
        .append("  drops ").append(Units.count(drops(report == null ? null : report.capture())));
    CaptureCounters c = report == null ? null : report.capture();
    if (c != null && c.spool() != null) {
      sb.append("  spool ").append(Units.count(c.spool().files())).append(" files ")
          .append(Units.bytes(c.spool().bytes()));
    }
    if (report != null && report.flows() != null) {
      sb.append("  flows ").append(Units.count(report.flows().open())).append(" open ")
          .append(Units.count(report.flows().total())).append(" ended");
    }
    List<ProtocolCount> top = topProtocols(report, 3);
    if (!top.isEmpty()) {
      sb.append(' ');
      for (ProtocolCount p : top) {
        sb.append(' ').append(p.name()).append(' ')
            .append(Math.round(100.0 * p.packets() / Math.max(1, packets))).append('%');
      }
    }
    return sb.length() > width ? sb.substring(0, width) : sb.toString();
  }

  private static long drops(CaptureCounters c) {
    return c == null ? 0 : c.droppedByQueue() + c.droppedByKernel() + c.droppedByInterface()
        + (c.spool() == null ? 0 : c.spool().droppedByDiskFull());
  }

  /** The commonest protocols above the link layer (every frame has a link layer: it says nothing). */
  static List<ProtocolCount> topProtocols(Report report, int n) {
    List<ProtocolCount> candidates = new ArrayList<>();
    if (report != null && report.protocols() != null) {
      for (ProtocolCount p : report.protocols()) {
        if (!"link".equals(p.layer()) && p.packets() > 0) {
          candidates.add(p);
        }
      }
    }
    candidates.sort(Comparator.comparingLong(ProtocolCount::packets).reversed()
        .thenComparing(ProtocolCount::name));
    return candidates.subList(0, Math.min(n, candidates.size()));
  }
}
