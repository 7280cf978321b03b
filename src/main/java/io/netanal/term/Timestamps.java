package io.netanal.term;

import io.netanal.frame.TimestampFormat;
import java.time.Duration;
import java.time.Instant;

/**
 * The report's exact decimal epoch timestamps ({@code "1700000000.123456000"}) shown as ISO-8601 UTC instants and
 * differences; {@link TimestampFormat#parse} reads them, so nanoseconds survive. Stateless; any thread.
 */
final class Timestamps {
  private Timestamps() {}

  /** {@code "1700000000.123456000"} as {@code "2023-11-14T22:13:20.123456Z"}; the input itself if unparsable. */
  static String iso(String decimalSeconds) {
    Instant instant = TimestampFormat.parse(decimalSeconds);
    return instant == null ? String.valueOf(decimalSeconds) : instant.toString();
  }

  /** Seconds from {@code first} to {@code last}; NaN when either is missing or unparsable. */
  static double secondsBetween(String first, String last) {
    Instant a = TimestampFormat.parse(first);
    Instant b = TimestampFormat.parse(last);
    if (a == null || b == null) {
      return Double.NaN;
    }
    Duration d = Duration.between(a, b);
    return d.getSeconds() + d.getNano() / 1e9;
  }
}
