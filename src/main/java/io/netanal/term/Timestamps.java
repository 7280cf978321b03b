package io.netanal.term;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The report's exact decimal epoch timestamps ({@code "1700000000.123456000"}) shown as ISO-8601 UTC instants and
 * differences. Parsed through {@link BigDecimal} so nanoseconds survive. Stateless; any thread.
 */
final class Timestamps {
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private Timestamps() {}

  /** {@code "1700000000.123456000"} as {@code "2023-11-14T22:13:20.123456Z"}; the input itself if unparsable. */
  static String iso(String decimalSeconds) {
    Instant instant = instant(decimalSeconds);
    return instant == null ? String.valueOf(decimalSeconds) : instant.toString();
  }

  /** Seconds from {@code first} to {@code last}; NaN when either is missing or unparsable. */
  static double secondsBetween(String first, String last) {
    BigDecimal a = decimal(first);
    BigDecimal b = decimal(last);
    return a == null || b == null ? Double.NaN : b.subtract(a).doubleValue();
  }

  static Instant instant(String decimalSeconds) {
    BigDecimal value = decimal(decimalSeconds);
    if (value == null) {
      return null;
    }
    BigDecimal seconds = value.setScale(0, RoundingMode.FLOOR);
    long nanos = value.subtract(seconds).multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.DOWN).longValue();
    try {
      return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return null;
    }
  }

  private static BigDecimal decimal(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
