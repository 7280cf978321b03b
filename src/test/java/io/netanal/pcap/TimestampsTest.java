package io.netanal.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimestampsTest {
  @Test
  void shouldFormatNineFractionDigits() {
    assertThat(Timestamps.format(1_700_000_000_123_456_000L)).isEqualTo("1700000000.123456000");
    assertThat(Timestamps.format(0)).isEqualTo("0.000000000");
    assertThat(Timestamps.format(84_999_999_000L)).isEqualTo("84.999999000");
  }

  @Test
  void shouldPutSignBeforeWholeValueWhenNegative() {
    assertThat(Timestamps.format(-1)).isEqualTo("-0.000000001");
    assertThat(Timestamps.format(-1_500_000_000L)).isEqualTo("-1.500000000");
    assertThat(Timestamps.format(Long.MIN_VALUE)).isEqualTo("-9223372036.854775808");
  }
}
