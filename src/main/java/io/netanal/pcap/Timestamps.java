package io.netanal.pcap;

/**
 * Formats epoch nanoseconds as exact decimal seconds with nine fraction digits ({@code "1700000000.123456000"}),
 * as tshark prints {@code frame.time_epoch} and as the report stores first and last timestamps.
 *
 * <p>Stateless; any thread may call it. Not for the per-packet path: it makes a String.
 */
public final class Timestamps {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Timestamps() {}

  /** {@code -1} ns is {@code "-0.000000001"}: the sign applies to the whole value, as in a decimal number. */
  public static String format(long nanos) {
    // Unsigned arithmetic on the magnitude so that Long.MIN_VALUE needs no special case.
    long magnitude = nanos < 0 ? -nanos : nanos;
    String seconds = Long.toUnsignedString(Long.divideUnsigned(magnitude, NANOS_PER_SECOND));
    String fraction = Long.toString(Long.remainderUnsigned(magnitude, NANOS_PER_SECOND));
    StringBuilder text = new StringBuilder(21);
    if (nanos < 0) {
      text.append('-');
    }
    text.append(seconds).append('.');
    for (int i = fraction.length(); i < 9; i++) {
      text.append('0');
    }
    return text.append(fraction).toString();
  }
}
