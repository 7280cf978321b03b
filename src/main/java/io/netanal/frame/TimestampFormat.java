package io.netanal.frame;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Writes epoch nanoseconds as exact decimal seconds with nine fraction digits ({@code "1700000000.123456789"},
 * {@code "-0.000000001"}), as tshark prints {@code frame.time_epoch} and as the report stores timestamps:
 * integer arithmetic only, so no digit is lost to a {@code double}.
 *
 * <p>Stateless; any thread may call it. {@link #append} allocates nothing and serves per-packet export rows;
 * {@link #format} makes a String and is for snapshots and reports; {@link #parse} reads such text back for the
 * views that show it as a date.
 */
public final class TimestampFormat {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final BigDecimal NANOS_PER_SECOND_DECIMAL = BigDecimal.valueOf(NANOS_PER_SECOND);

  private TimestampFormat() {}

  /** {@code -1} ns is {@code "-0.000000001"}: the sign applies to the whole value, as in a decimal number. */
  public static String format(long nanos) {
    return append(nanos, new StringBuilder(21)).toString();
  }

  /** Appends {@link #format}'s text of {@code nanos} to {@code sb} and returns {@code sb}. */
  public static StringBuilder append(long nanos, StringBuilder sb) {
    if (nanos < 0) {
      sb.append('-');
    }
    // Unsigned arithmetic on the magnitude: -Long.MIN_VALUE overflows to itself, which is 2^63 unsigned.
    long magnitude = nanos < 0 ? -nanos : nanos;
    long fraction = Long.remainderUnsigned(magnitude, NANOS_PER_SECOND);
    sb.append(Long.divideUnsigned(magnitude, NANOS_PER_SECOND)).append('.');
    for (long digit = NANOS_PER_SECOND / 10; digit > 0; digit /= 10) {
      sb.append((char) ('0' + fraction / digit % 10));
    }
    return sb;
  }

  /**
   * The instant that decimal epoch seconds such as {@code "1700000000.123456789"} name (digits past the ninth
   * fraction digit dropped toward the past); null when {@code text} is null, not a decimal number, or outside
   * {@link Instant}'s range. Parsed through {@link BigDecimal} so that nanoseconds survive.
   */
  public static Instant parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      BigDecimal value = new BigDecimal(text);
      BigDecimal seconds = value.setScale(0, RoundingMode.FLOOR);
      long nanos = value.subtract(seconds).multiply(NANOS_PER_SECOND_DECIMAL).setScale(0, RoundingMode.FLOOR)
          .longValue();
      return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
    } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
      return null;
    }
  }
}
