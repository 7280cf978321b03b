package io.netanal.stats;

import io.netanal.frame.TimestampFormat;

/**
 * The report's summary totals: frames, wire and captured bytes, the first and last timestamp in recording order,
 * and the earliest and latest timestamp (whose difference is the duration, so out-of-order frames cannot make it
 * negative).
 *
 * <p>Owned by the one thread that records.
 */
final class SummaryCounter {
  private long packets;
  private long bytes;
  private long capturedBytes;
  private long first;
  private long last;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;

  void record(long timestampNanos, int capturedLength, long wireBytes) {
    if (packets == 0) {
      first = timestampNanos;
    }
    last = timestampNanos;
    min = Math.min(min, timestampNanos);
    max = Math.max(max, timestampNanos);
    packets++;
    bytes += wireBytes;
    capturedBytes += Integer.toUnsignedLong(capturedLength);
  }

  /** Adds {@code from}'s totals as if its frames came after this one's. */
  void merge(SummaryCounter from) {
    if (from.packets == 0) {
      return;
    }
    if (packets == 0) {
      first = from.first;
    }
    last = from.last;
    min = Math.min(min, from.min);
    max = Math.max(max, from.max);
    packets += from.packets;
    bytes += from.bytes;
    capturedBytes += from.capturedBytes;
  }

  long packets() {
    return packets;
  }

  Summary snapshot() {
    if (packets == 0) {
      return new Summary(0, 0, 0, null, null, 0, 0, 0);
    }
    // Exact to the nanosecond before the one rounding to double (a difference near 2^63 ns still fits unsigned).
    double duration = unsignedDifference(max, min) / 1e9;
    double packetsPerSecond = duration > 0 ? packets / duration : 0;
    double bitsPerSecond = duration > 0 ? bytes * 8.0 / duration : 0;
    return new Summary(packets, bytes, capturedBytes, TimestampFormat.format(first), TimestampFormat.format(last),
        duration, packetsPerSecond, bitsPerSecond);
  }

  private static double unsignedDifference(long larger, long smaller) {
    long difference = larger - smaller;
    return difference >= 0 ? difference : difference + 0x1p64;
  }
}
