package io.netanal.term;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void shouldGroupThousandsWithCommasWhateverTheLocale() {
    assertThat(Units.count(0)).isEqualTo("0");
    assertThat(Units.count(1_234_567)).isEqualTo("1,234,567");
  }

  @Test
  void shouldScaleBytesInDecimalSiUnits() {
    assertThat(Units.bytes(999)).isEqualTo("999 B");
    assertThat(Units.bytes(1000)).isEqualTo("1.0 kB");
    assertThat(Units.bytes(1536)).isEqualTo("1.5 kB");
    assertThat(Units.bytes(1_520_000_000L)).isEqualTo("1.5 GB");
    assertThat(Units.bytes(3_000_000_000_000L)).isEqualTo("3.0 TB");
  }

  @Test
  void shouldMoveToTheNextUnitRatherThanPrint1000() {
    assertThat(Units.bytes(999_960)).isEqualTo("1.0 MB");
    assertThat(Units.bytes(999_940)).isEqualTo("999.9 kB");
  }

  @Test
  void shouldScaleBitRatesInDecimalUnits() {
    assertThat(Units.bitRate(0)).isEqualTo("0 bit/s");
    assertThat(Units.bitRate(533.3)).isEqualTo("533 bit/s");
    assertThat(Units.bitRate(64_000)).isEqualTo("64.0 kbit/s");
    assertThat(Units.bitRate(81_900_000)).isEqualTo("81.9 Mbit/s");
    assertThat(Units.byteRate(310_500_000)).isEqualTo("310.5 MB/s");
  }

  @Test
  void shouldShowPacketRatesWithOneDecimalOnlyBelow100() {
    assertThat(Units.rate(2.54)).isEqualTo("2.5");
    assertThat(Units.rate(12_345.4)).isEqualTo("12,345");
    assertThat(Units.rate(Double.NaN)).isEqualTo("0");
  }

  @Test
  void shouldShowDurationsInSecondsBelowAMinuteAndClockUnitsAbove() {
    assertThat(Units.duration(0.25)).isEqualTo("0.250 s");
    assertThat(Units.duration(125.9)).isEqualTo("2m 05s");
    assertThat(Units.duration(3 * 3600 + 125)).isEqualTo("3h 02m 05s");
    assertThat(Units.duration(4 * 86_400 + 3 * 3600 + 120)).isEqualTo("4d 03h 02m");
    assertThat(Units.duration(Double.NaN)).isEqualTo("-");
    assertThat(Units.clock(7)).isEqualTo("0:07");
    assertThat(Units.clock(3723)).isEqualTo("1:02:03");
  }

  @Test
  void shouldNotRoundASmallNonZeroShareToZero() {
    assertThat(Units.percent(12, 123_456)).isEqualTo("<0.1%");
    assertThat(Units.percent(0, 123_456)).isEqualTo("0.0%");
    assertThat(Units.percent(1, 3)).isEqualTo("33.3%");
    assertThat(Units.percent(0, 0)).isEqualTo("0.0%");
  }
}
