package io.netanal.term;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BarsTest {

  @Test
  void shouldScaleSparklineToTheLargestValueWithSpaceForNoTraffic() {
    assertThat(Bars.sparkline(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, true)).isEqualTo(" ▁▂▃▄▅▆▇█");
    assertThat(Bars.sparkline(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, false)).isEqualTo(" _.-:=+*#");
  }

  @Test
  void shouldShowTheSmallestNonZeroValueAsTheLowestBlock() {
    assertThat(Bars.sparkline(new long[] {1, 1_000_000}, true)).isEqualTo("▁█");
  }

  @Test
  void shouldMergeSamplesToFitTheWidthScalingAShortLastGroup() {
    assertThat(Bars.groupSize(9, 80)).isEqualTo(1);
    assertThat(Bars.groupSize(300, 78)).isEqualTo(4);
    assertThat(Bars.merge(new long[] {1, 2, 3, 4, 5}, 2)).containsExactly(3, 7, 10);
  }

  @Test
  void shouldDrawBarsInEighthsPaddedToWidth() {
    assertThat(Bars.bar(0.5, 4, true)).isEqualTo("██  ");
    assertThat(Bars.bar(0.5625, 4, true)).isEqualTo("██▎ ");
    assertThat(Bars.bar(0.0001, 4, true)).isEqualTo("▏   ");
    assertThat(Bars.bar(0, 4, true)).isEqualTo("    ");
    assertThat(Bars.bar(1, 4, false)).isEqualTo("####");
  }
}
