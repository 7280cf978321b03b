package io.netanal.report;

/**
 * Exact decimal epoch timestamps ({@code "1700000000.123456789"}), as the report spells them.
 *
 * <p>Stateless; any thread. Appends into a caller's buffer so that per-packet rows allocate nothing.
 */
final class Timestamps {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Timestamps() {}

  /** Appends {@code nanos} since the epoch as seconds with nine fraction digits; negative before 1970. */
  static void append(long nanos, StringBuilder sb) {
    if (nanos < 0) {
      sb.append('-');
    }
    // Math.abs(Long.MIN_VALUE) overflows; work on the unsigned magnitude instead.
    long magnitude = nanos < 0 ? -nanos : nanos;
    long seconds = Long.divideUnsigned(magnitude, NANOS_PER_SECOND);
    long fraction = Long.remainderUnsigned(magnitude, NANOS_PER_SECOND);
    sb.append(seconds).append('.');
    for (long p = NANOS_PER_SECOND / 10; p > 0; p /= 10) {
      sb.append((char) ('0' + (fraction / p) % 10));
    }
  }
}
