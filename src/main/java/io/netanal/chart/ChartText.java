package io.netanal.chart;

import io.netanal.frame.TimestampFormat;
import io.netanal.report.Report;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Text that several charts share: the subtitle naming the source and its time range, and numbers with SI
 * prefixes ({@code 1.5 M}) for axis ticks.
 *
 * <p>Stateless; any thread. Times are shown in UTC, labelled as such, so that a chart reads the same wherever it
 * was made.
 */
final class ChartText {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String[] PREFIXES = {"", "k", "M", "G", "T", "P"};

  private ChartText() {}

  /** {@code "capture.pcap, 2023-11-14 22:13:20 to 22:14:05 UTC (45.2 s), 1,234 packets"}. */
  static String subtitle(Report report) {
    StringBuilder sb = new StringBuilder();
    sb.append(sourceName(report));
    if (report.source() != null && "live".equals(report.source().kind())) {
      sb.append(" (live)");
    }
    var summary = report.summary();
    Instant first = summary == null ? null : TimestampFormat.parse(summary.firstTimestamp());
    Instant last = summary == null ? null : TimestampFormat.parse(summary.lastTimestamp());
    if (first != null && last != null) {
      sb.append(", ").append(DATE_TIME.format(first)).append(" to ");
      boolean sameDay = first.atZone(ZoneOffset.UTC).toLocalDate().equals(last.atZone(ZoneOffset.UTC).toLocalDate());
      sb.append(sameDay ? TIME.format(last) : DATE_TIME.format(last)).append(" UTC");
      sb.append(String.format(Locale.ROOT, " (%s s)", seconds(summary.durationSeconds())));
    }
    if (summary != null) {
      sb.append(String.format(Locale.ROOT, ", %,d packets", summary.packets()));
    }
    return sb.toString();
  }

  /** A file's name without its directories (the image should not show where it was made); a device as is. */
  private static String sourceName(Report report) {
    if (report.source() == null || report.source().name() == null) {
      return "unknown source";
    }
    String name = report.source().name();
    return "file".equals(report.source().kind()) ? name.substring(name.lastIndexOf('/') + 1) : name;
  }

  /** {@code value} with an SI prefix and up to three significant digits: {@code 950}, {@code 1.5 k}, {@code 12 M}. */
  static String si(double value) {
    double magnitude = Math.abs(value);
    int prefix = 0;
    while (magnitude >= 1000 && prefix < PREFIXES.length - 1) {
      magnitude /= 1000;
      prefix++;
    }
    double scaled = Math.copySign(magnitude, value);
    String number = magnitude >= 100 || magnitude == Math.rint(magnitude)
        ? String.format(Locale.ROOT, "%.0f", scaled)
        : magnitude >= 10 ? String.format(Locale.ROOT, "%.1f", scaled) : String.format(Locale.ROOT, "%.2f", scaled);
    number = stripZeros(number);
    return prefix == 0 ? number : number + " " + PREFIXES[prefix];
  }

  private static String seconds(double s) {
    return s >= 100 ? String.format(Locale.ROOT, "%,.0f", s) : stripZeros(String.format(Locale.ROOT, "%.3f", s));
  }

  private static String stripZeros(String number) {
    if (number.indexOf('.') < 0) {
      return number;
    }
    String s = number.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
