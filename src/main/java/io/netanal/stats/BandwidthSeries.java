package io.netanal.stats;

import io.netanal.InvalidInputException;
import io.netanal.frame.TimestampFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Packets and wire bytes per time interval, bucketed by timestamp rather than arrival order: a frame whose
 * timestamp is earlier than every other frame's extends the series backwards.
 *
 * <p>Owned by the one thread that records. Buckets are aligned to the epoch ({@code floor(ts / interval)}), so
 * {@code start} is the earliest timestamp rounded down to the interval. Memory is bounded: when the series would
 * span more than {@code maxSamples} intervals, the interval doubles and neighbouring buckets fold together (the
 * epoch alignment makes that exact), as often as needed. Automatic mode starts at one second with at most
 * {@value #AUTOMATIC_MAX_SAMPLES} samples; an explicit interval (the CLI's {@code --interval}) allows
 * {@value #EXPLICIT_MAX_SAMPLES} samples (at most 32 MB of arrays) before it widens too. Collectors to be
 * merged must be built alike (same mode and interval), so that one interval is a power-of-two multiple of the other.
 */
final class BandwidthSeries {
  static final int AUTOMATIC_MAX_SAMPLES = 4096;
  static final int EXPLICIT_MAX_SAMPLES = 1_000_000;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int INITIAL_LENGTH = 64;

  private final int maxSamples;
  private long intervalNanos;
  // Bucket number (timestamp / interval, floored) of packets[0]; the arrays have room on both sides of the
  // used range [low, high], so that growing in either direction is amortised.
  private long base;
  private long low;
  private long high;
  private boolean empty = true;
  private long[] packets = new long[INITIAL_LENGTH];
  private long[] bytes = new long[INITIAL_LENGTH];
  // The last bucket recorded and its time range: consecutive frames usually share it, and checking the range
  // avoids a 64-bit division per frame.
  private long lastBucket;
  private long lastBucketStart = 1;
  private long lastBucketEnd;

  /** Automatic interval: one second, widened as the capture's span requires. */
  static BandwidthSeries automatic() {
    return new BandwidthSeries(NANOS_PER_SECOND, AUTOMATIC_MAX_SAMPLES);
  }

  /** A fixed interval in seconds (widened only past {@value #EXPLICIT_MAX_SAMPLES} samples). */
  static BandwidthSeries every(double intervalSeconds) {
    if (!(intervalSeconds > 0) || Double.isInfinite(intervalSeconds)) {
      throw new InvalidInputException("interval: " + intervalSeconds + " (expected: > 0 seconds)");
    }
    long nanos = Math.round(intervalSeconds * NANOS_PER_SECOND);
    if (nanos < 1 || intervalSeconds > Long.MAX_VALUE / (2.0 * NANOS_PER_SECOND)) {
      throw new InvalidInputException("interval: " + intervalSeconds + " (expected: 1e-9 to 4.6e9 seconds)");
    }
    return new BandwidthSeries(nanos, EXPLICIT_MAX_SAMPLES);
  }

  BandwidthSeries(long intervalNanos, int maxSamples) {
    this.intervalNanos = intervalNanos;
    this.maxSamples = maxSamples;
  }

  void record(long timestampNanos, long wireBytes) {
    if (timestampNanos >= lastBucketStart && timestampNanos < lastBucketEnd) {
      int i = (int) (lastBucket - base);
      packets[i]++;
      bytes[i] += wireBytes;
      return;
    }
    long bucket = Math.floorDiv(timestampNanos, intervalNanos);
    add(bucket, 1, wireBytes);
    // add() may have widened the interval: remember the bucket the timestamp landed in now.
    lastBucket = Math.floorDiv(timestampNanos, intervalNanos);
    lastBucketStart = lastBucket * intervalNanos;
    lastBucketEnd = lastBucketStart + intervalNanos;
  }

  /** Adds {@code from}'s buckets; the result is the same as recording its frames here. */
  void merge(BandwidthSeries from) {
    while (intervalNanos < from.intervalNanos) {
      widen();
    }
    if (from.empty) {
      return;
    }
    for (long bucket = from.low; bucket <= from.high; bucket++) {
      int i = (int) (bucket - from.base);
      if (from.packets[i] != 0) {
        // A bucket's start time falls in the right (wider or equal) bucket here.
        add(Math.floorDiv(bucket * from.intervalNanos, intervalNanos), from.packets[i], from.bytes[i]);
      }
    }
  }

  Bandwidth snapshot() {
    double intervalSeconds = intervalNanos / (double) NANOS_PER_SECOND;
    if (empty) {
      return new Bandwidth(intervalSeconds, null, List.of());
    }
    List<BandwidthSample> samples = new ArrayList<>((int) (high - low + 1));
    for (long bucket = low; bucket <= high; bucket++) {
      int i = (int) (bucket - base);
      samples.add(new BandwidthSample((bucket - low) * intervalSeconds, packets[i], bytes[i]));
    }
    return new Bandwidth(intervalSeconds, TimestampFormat.format(low * intervalNanos), List.copyOf(samples));
  }

  long intervalNanos() {
    return intervalNanos;
  }

  private void add(long bucket, long packetCount, long byteCount) {
    if (empty) {
      empty = false;
      low = high = bucket;
      base = bucket - INITIAL_LENGTH / 2;
    } else if (bucket < low || bucket > high) {
      // Unsigned: the span of two extreme nanosecond timestamps does not fit a signed long.
      while (Long.compareUnsigned(Math.max(high, bucket) - Math.min(low, bucket), maxSamples) >= 0) {
        widen();
        bucket = Math.floorDiv(bucket, 2);
      }
      low = Math.min(low, bucket);
      high = Math.max(high, bucket);
      if (low < base || high - base >= packets.length) {
        reallocate(bucket == low);
      }
    }
    int i = (int) (bucket - base);
    packets[i] += packetCount;
    bytes[i] += byteCount;
  }

  /** Doubles the interval, folding bucket pairs: bucket {@code n} of the new interval is {@code 2n, 2n + 1}. */
  private void widen() {
    intervalNanos *= 2;
    lastBucketStart = 1;
    lastBucketEnd = 0;
    if (empty) {
      return;
    }
    long newBase = Math.floorDiv(base, 2);
    long[] newPackets = new long[packets.length];
    long[] newBytes = new long[bytes.length];
    for (long bucket = low; bucket <= high; bucket++) {
      int from = (int) (bucket - base);
      int to = (int) (Math.floorDiv(bucket, 2) - newBase);
      newPackets[to] += packets[from];
      newBytes[to] += bytes[from];
    }
    base = newBase;
    low = Math.floorDiv(low, 2);
    high = Math.floorDiv(high, 2);
    packets = newPackets;
    bytes = newBytes;
  }

  /** Grows the arrays to twice the used span, leaving the free room on the side the series grew towards. */
  private void reallocate(boolean grewDown) {
    int span = (int) (high - low + 1);
    int length = Math.max(packets.length, 2 * span);
    long newBase = grewDown ? high - length + 1 : low;
    long[] newPackets = new long[length];
    long[] newBytes = new long[length];
    // The old arrays hold at most the old range, which lies inside [low, high].
    long copyFrom = Math.max(base, low);
    long copyTo = Math.min(base + packets.length - 1, high);
    if (copyFrom <= copyTo) {
      int count = (int) (copyTo - copyFrom + 1);
      System.arraycopy(packets, (int) (copyFrom - base), newPackets, (int) (copyFrom - newBase), count);
      System.arraycopy(bytes, (int) (copyFrom - base), newBytes, (int) (copyFrom - newBase), count);
    }
    base = newBase;
    packets = newPackets;
    bytes = newBytes;
  }
}
