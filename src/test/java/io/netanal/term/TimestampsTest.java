package io.netanal.term;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimestampsTest {

  @Test
  void shouldShowExactDecimalTimestampAsIsoUtcKeepingNanoseconds() {
    assertThat(Timestamps.iso("1700000000.123456000")).isEqualTo("2023-11-14T22:13:20.123456Z");
    assertThat(Timestamps.iso("1700000000.123456789")).isEqualTo("2023-11-14T22:13:20.123456789Z");
    assertThat(Timestamps.iso("0.000000000")).isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void shouldShowUnparsableTimestampAsGiven() {
    assertThat(Timestamps.iso("soon")).isEqualTo("soon");
  }

  @Test
  void shouldSubtractTimestampsExactly() {
    assertThat(Timestamps.secondsBetween("1700000010.000000000", "1700000012.500000000")).isEqualTo(2.5);
    assertThat(Timestamps.secondsBetween(null, "1700000012.500000000")).isNaN();
  }
}
