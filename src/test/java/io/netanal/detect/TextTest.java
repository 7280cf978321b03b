package io.netanal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextTest {
  private static final long[] COUNTS = {0, 1, -1, 9, 10, 99, 100, 999, 1000, -1000, 1001, 9999, 10_000, 99_999,
      100_000, 999_999, 1_000_000, 1_234_567, -1_234_567, 123_456_789_012L, Long.MAX_VALUE, Long.MIN_VALUE,
      Long.MIN_VALUE + 1};
  private static final double[] RATES = {0, -0.0, 0.4, 0.5, 0.49999999999999994, 1.5, 2.5, 445.5, 446.2, 999.5,
      1000, 1234.5, 1e6 + 0.5, 123456789.49, 4.5e15, 1e20, -3.5, -0.2, Double.NaN, Double.POSITIVE_INFINITY,
      Double.MAX_VALUE, Double.MIN_VALUE};
  private static final double[] SECONDS = {0, -0.0, 5, 30, 180, 3600, 86_400, 4.2, 0.05, 2.25, -5, 1e17, 1e300};

  @Test
  void shouldWriteCountsAsFormatterDoes() {
    for (long n : COUNTS) {
      assertThat(Text.count(n)).as("%d", n).isEqualTo(String.format(Locale.ROOT, "%,d", n));
    }
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 20_000; i++) {
      long n = random.nextLong() >> random.nextInt(64);
      assertThat(Text.count(n)).as("%d", n).isEqualTo(String.format(Locale.ROOT, "%,d", n));
    }
  }

  @Test
  void shouldWriteRatesAsFormatterDoes() {
    for (double v : RATES) {
      assertThat(Text.rate(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%,.0f/s", v));
    }
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 20_000; i++) {
      double v = random.nextInt(1 << 20) / (double) (1 << random.nextInt(8)) * Math.pow(10, random.nextInt(6));
      assertThat(Text.rate(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%,.0f/s", v));
      double q = random.nextLong(1_000_000_000L) / 5.0; // packets over a 5 s window
      assertThat(Text.rate(q)).as("%s", q).isEqualTo(String.format(Locale.ROOT, "%,.0f/s", q));
    }
  }

  @Test
  void shouldWriteSecondsAsFormatterDoes() {
    for (double s : SECONDS) {
      String expected = s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f s", s)
          : String.format(Locale.ROOT, "%.1f s", s);
      assertThat(Text.seconds(s)).as("%s", s).isEqualTo(expected);
    }
  }
}
