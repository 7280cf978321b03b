package io.netanal.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Frames per wire length in the ten buckets of tshark's {@code plen} tree: 0-19, 20-39, 40-79, ... 2560-5119,
 * 5120+ (each bucket after the first twice as wide as the one before).
 *
 * <p>Owned by the one thread that records.
 */
final class SizeHistogram {
  static final int BUCKETS = 10;
  private static final String[] RANGES = {"0-19", "20-39", "40-79", "80-159", "160-319", "320-639", "640-1279",
      "1280-2559", "2560-5119", "5120+"};

  /** Where the last bucket starts; below it, {@link #BUCKET_OF} gives the bucket in one array read. */
  private static final int LAST_START = 5120;
  /** {@link #bucket} of every length below {@link #LAST_START}: a division and a bit count per frame cost more. */
  private static final byte[] BUCKET_OF = new byte[LAST_START];

  static {
    for (int length = 0; length < LAST_START; length++) {
      BUCKET_OF[length] = (byte) bucket(length);
    }
  }

  private final long[] packets = new long[BUCKETS];

  void record(long wireLength) {
    packets[wireLength >= 0 && wireLength < LAST_START ? BUCKET_OF[(int) wireLength] : bucket(wireLength)]++;
  }

  /**
   * For a wire length of 0 to 2^32 - 1 (unsigned, as pcap stores it): 0 below 20 bytes, else
   * 1 + floor(log2(length / 20)), at most 9.
   */
  static int bucket(long wireLength) {
    if (wireLength < 20) {
      return 0;
    }
    return Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(wireLength / 20));
  }

  void merge(SizeHistogram from) {
    for (int i = 0; i < BUCKETS; i++) {
      packets[i] += from.packets[i];
    }
  }

  List<SizeBucket> snapshot() {
    List<SizeBucket> rows = new ArrayList<>(BUCKETS);
    for (int i = 0; i < BUCKETS; i++) {
      rows.add(new SizeBucket(RANGES[i], packets[i]));
    }
    return List.copyOf(rows);
  }
}
