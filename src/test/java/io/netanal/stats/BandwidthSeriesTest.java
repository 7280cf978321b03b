package io.netanal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.InvalidInputException;
import org.junit.jupiter.api.Test;

class BandwidthSeriesTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long T0 = 1_700_000_000L * SECOND;

  @Test
  void shouldStartAtTheFirstTimestampFlooredToTheInterval() {
    BandwidthSeries series = BandwidthSeries.automatic();
    series.record(T0 + 300_000_000, 100);
    series.record(T0 + 900_000_000, 50);
    series.record(T0 + 2 * SECOND + 1, 10);

    assertThat(series.snapshot()).isEqualTo(new Bandwidth(1.0, "1700000000.000000000", java.util.List.of(
        new BandwidthSample(0, 2, 150),
        new BandwidthSample(1, 0, 0),
        new BandwidthSample(2, 1, 10))));
  }

  @Test
  void shouldPutOutOfOrderAndPreStartTimestampsInTheirOwnBuckets() {
    BandwidthSeries series = BandwidthSeries.automatic();
    series.record(T0 + 5 * SECOND, 100);
    series.record(T0 + 2 * SECOND, 20); // before the first frame
    series.record(T0 + 7 * SECOND, 30);
    series.record(T0 + 5 * SECOND + 1, 1); // back into an earlier bucket
    series.record(T0 - 100 * SECOND, 7); // far before: the arrays grow downwards

    Bandwidth bandwidth = series.snapshot();

    assertThat(bandwidth.start()).isEqualTo("1699999900.000000000");
    assertThat(bandwidth.samples()).hasSize(108);
    assertThat(bandwidth.samples().get(0)).isEqualTo(new BandwidthSample(0, 1, 7));
    assertThat(bandwidth.samples().get(102)).isEqualTo(new BandwidthSample(102, 1, 20));
    assertThat(bandwidth.samples().get(105)).isEqualTo(new BandwidthSample(105, 2, 101));
    assertThat(bandwidth.samples().get(107)).isEqualTo(new BandwidthSample(107, 1, 30));
    assertThat(bandwidth.samples().stream().mapToLong(BandwidthSample::packets).sum()).isEqualTo(5);
  }

  @Test
  void shouldFloorNegativeTimestampsTowardsMinusInfinity() {
    BandwidthSeries series = BandwidthSeries.automatic();
    series.record(-1, 10); // 1969-12-31T23:59:59.999999999 belongs to the second starting at -1
    series.record(0, 20);

    Bandwidth bandwidth = series.snapshot();

    assertThat(bandwidth.start()).isEqualTo("-1.000000000");
    assertThat(bandwidth.samples()).containsExactly(new BandwidthSample(0, 1, 10), new BandwidthSample(1, 1, 20));
  }

  @Test
  void shouldDoubleTheIntervalAndFoldPairsWhenTheSeriesOutgrowsItsCap() {
    BandwidthSeries series = new BandwidthSeries(SECOND, 4);
    for (int second = 0; second < 9; second++) {
      series.record(T0 + second * SECOND, 10 + second);
    }

    Bandwidth bandwidth = series.snapshot();

    // 9 one-second buckets do not fit in 4; 4-second buckets do: [0-3], [4-7], [8].
    assertThat(bandwidth.intervalSeconds()).isEqualTo(4.0);
    assertThat(bandwidth.start()).isEqualTo("1700000000.000000000");
    assertThat(bandwidth.samples()).containsExactly(
        new BandwidthSample(0, 4, 10 + 11 + 12 + 13),
        new BandwidthSample(4, 4, 14 + 15 + 16 + 17),
        new BandwidthSample(8, 1, 18));
  }

  @Test
  void shouldWidenForAFarEarlierTimestampToo() {
    BandwidthSeries series = new BandwidthSeries(SECOND, 4096);
    series.record(T0, 1);
    series.record(T0 - 10_000 * SECOND, 1);

    Bandwidth bandwidth = series.snapshot();

    assertThat(bandwidth.intervalSeconds()).isEqualTo(4.0);
    assertThat(bandwidth.samples()).hasSize(2501);
    assertThat(bandwidth.start()).isEqualTo("1699990000.000000000");
  }

  @Test
  void shouldStayBoundedOverAYearOfTimestamps() {
    BandwidthSeries series = BandwidthSeries.automatic();
    for (long hour = 0; hour < 24 * 365; hour++) {
      series.record(T0 + hour * 3600 * SECOND, 100);
    }

    Bandwidth bandwidth = series.snapshot();

    assertThat(bandwidth.samples()).hasSizeLessThanOrEqualTo(BandwidthSeries.AUTOMATIC_MAX_SAMPLES);
    assertThat(bandwidth.intervalSeconds()).isEqualTo(8192.0);
    assertThat(bandwidth.samples().stream().mapToLong(BandwidthSample::bytes).sum()).isEqualTo(100L * 24 * 365);
  }

  @Test
  void shouldUseAnExplicitIntervalInSeconds() {
    BandwidthSeries series = BandwidthSeries.every(0.25);
    series.record(T0 + 100_000_000, 10);
    series.record(T0 + 600_000_000, 20);

    assertThat(series.snapshot()).isEqualTo(new Bandwidth(0.25, "1700000000.000000000", java.util.List.of(
        new BandwidthSample(0, 1, 10), new BandwidthSample(0.25, 0, 0), new BandwidthSample(0.5, 1, 20))));
  }

  @Test
  void shouldRejectIntervalsThatAreNotPositive() {
    assertThatThrownBy(() -> BandwidthSeries.every(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("interval: 0.0 (expected: > 0 seconds)");
    assertThatThrownBy(() -> BandwidthSeries.every(Double.NaN))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("interval: NaN (expected: > 0 seconds)");
    assertThatThrownBy(() -> BandwidthSeries.every(1e-12))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("interval: 1.0E-12 (expected: 1e-9 to 4.6e9 seconds)");
  }

  @Test
  void shouldBeEmptyWithoutFrames() {
    assertThat(BandwidthSeries.automatic().snapshot()).isEqualTo(new Bandwidth(1.0, null, java.util.List.of()));
  }

  @Test
  void shouldMergeLikeRecordingBothSeriesInOne() {
    BandwidthSeries whole = new BandwidthSeries(SECOND, 8);
    BandwidthSeries first = new BandwidthSeries(SECOND, 8);
    BandwidthSeries second = new BandwidthSeries(SECOND, 8);
    long[] times = {T0 + 3 * SECOND, T0, T0 + 5 * SECOND, T0 + 20 * SECOND, T0 - 2 * SECOND, T0 + 11 * SECOND};
    for (int i = 0; i < times.length; i++) {
      whole.record(times[i], i + 1);
      (i < 3 ? first : second).record(times[i], i + 1);
    }

    first.merge(second);

    assertThat(first.snapshot()).isEqualTo(whole.snapshot());
    assertThat(whole.snapshot().intervalSeconds()).isEqualTo(4.0);
  }
}
