package io.netanal.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampFormatTest {

  @Test
  void shouldWriteNineFractionDigitsExactly() {
    assertThat(TimestampFormat.format(1_700_000_000_123_456_789L)).isEqualTo("1700000000.123456789");
    assertThat(TimestampFormat.format(1_462_218_642_366_142_000L)).isEqualTo("1462218642.366142000");
  }

  @Test
  void shouldWriteZeroFractionAsNineZeros() {
    assertThat(TimestampFormat.format(0)).isEqualTo("0.000000000");
    assertThat(TimestampFormat.format(5_000_000_000L)).isEqualTo("5.000000000");
  }

  @Test
  void shouldPadSmallFractionsWithLeadingZeros() {
    assertThat(TimestampFormat.format(1)).isEqualTo("0.000000001");
    assertThat(TimestampFormat.format(1_000_000_010L)).isEqualTo("1.000000010");
  }

  @Test
  void shouldWriteNegativeTimestampsWithOneSignAndPositiveFraction() {
    assertThat(TimestampFormat.format(-1)).isEqualTo("-0.000000001");
    assertThat(TimestampFormat.format(-1_500_000_000L)).isEqualTo("-1.500000000");
    assertThat(TimestampFormat.format(-2_000_000_000L)).isEqualTo("-2.000000000");
  }

  @Test
  void shouldWriteExtremeValuesWithoutOverflow() {
    assertThat(TimestampFormat.format(Long.MIN_VALUE)).isEqualTo("-9223372036.854775808");
    assertThat(TimestampFormat.format(Long.MAX_VALUE)).isEqualTo("9223372036.854775807");
  }

  @Test
  void shouldFormatMicrosecondTimestampsWithTrailingZeros() {
    assertThat(TimestampFormat.format(1_700_000_000_123_456_000L)).isEqualTo("1700000000.123456000");
    assertThat(TimestampFormat.format(84_999_999_000L)).isEqualTo("84.999999000");
  }

  @Test
  void shouldAppendTheSameTextToACallersBuffer() {
    StringBuilder row = new StringBuilder("ts=");
    TimestampFormat.append(-1_500_000_000L, row).append(',');
    TimestampFormat.append(Long.MIN_VALUE, row).append(',');
    TimestampFormat.append(1_700_000_000_123_456_789L, row);
    assertThat(row).hasToString("ts=-1.500000000,-9223372036.854775808,1700000000.123456789");
  }

  @Test
  void shouldParseItsOwnTextBackToTheSameInstant() {
    for (long nanos : new long[] {0, 1, -1, -1_500_000_000L, 1_700_000_000_123_456_789L}) {
      Instant instant = TimestampFormat.parse(TimestampFormat.format(nanos));
      assertThat(instant.getEpochSecond() * 1_000_000_000L + instant.getNano()).as("%d", nanos).isEqualTo(nanos);
    }
    assertThat(TimestampFormat.parse("1700000000.5")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 500_000_000));
  }

  @Test
  void shouldParseAnythingElseAsNull() {
    assertThat(TimestampFormat.parse(null)).isNull();
    assertThat(TimestampFormat.parse("")).isNull();
    assertThat(TimestampFormat.parse("soon")).isNull();
    assertThat(TimestampFormat.parse("1e400")).isNull();
  }
}
