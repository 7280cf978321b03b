package io.netanal.stats;

/**
 * Formats nanosecond epoch timestamps as the report's exact decimal strings ({@code "1700000000.123456000"},
 * {@code "-0.000000001"}): integer arithmetic only, so no digit is lost to a {@code double}.
 *
 * <p>Stateless; any thread may call it.
 */
final class TimestampFormat {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private TimestampFormat() {}

  static String format(long nanos) {
    // Truncating division keeps seconds and fraction the same sign, and neither overflows for Long.MIN_VALUE.
    long seconds = nanos / NANOS_PER_SECOND;
    long fraction = nanos % NANOS_PER_SECOND;
    StringBuilder text = new StringBuilder(21);
    if (nanos < 0) {
      text.append('-');
      seconds = -seconds;
      fraction = -fraction;
    }
    text.append(seconds).append('.');
    String digits = Long.toString(fraction);
    for (int i = digits.length(); i < 9; i++) {
      text.append('0');
    }
    return text.append(digits).toString();
  }
}
