package io.netanal.term;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldShowPercentBarBytesRateAndTimeLeft() {
    String line = ProgressBar.format(500_000_000, 1_000_000_000, 2 * SECOND, 79, true);

    assertThat(line)
        .isEqualTo(" 50% [" + "█".repeat(16) + " ".repeat(16) + "] 500.0 MB / 1.0 GB  250.0 MB/s  ETA 0:02");
    assertThat(line).hasSizeLessThanOrEqualTo(79);
  }

  @Test
  void shouldNotEstimateTimeLeftInTheFirstHalfSecond() {
    assertThat(ProgressBar.format(1_000, 1_000_000, SECOND / 10, 79, false)).endsWith("ETA --:--").contains("[");
  }

  @Test
  void shouldCapPercentWhenMoreWasReadThanTheSizeSaid() {
    assertThat(ProgressBar.format(2_000, 1_000, SECOND, 79, false)).startsWith("100% [####").endsWith("ETA 0:00");
  }

  @Test
  void shouldShowBytesAndRateOnlyWhenTheTotalIsUnknown() {
    assertThat(ProgressBar.format(3_000_000, 0, 2 * SECOND, 79, true)).isEqualTo("3.0 MB read  1.5 MB/s");
  }

  @Test
  void shouldDropTheBarOnANarrowLine() {
    String line = ProgressBar.format(500_000_000, 1_000_000_000, 2 * SECOND, 50, true);

    assertThat(line).isEqualTo(" 50% 500.0 MB / 1.0 GB  250.0 MB/s  ETA 0:02");
  }

  @Test
  void shouldPrintNothingWhenStandardErrorIsNotLive() {
    StringWriter err = new StringWriter();
    try (ProgressBar bar = ProgressBar.start(ConsoleStyle.plain(80), new PrintWriter(err), 100, () -> 50)) {
      assertThat(bar).isNotNull();
    }
    assertThat(err.toString()).isEmpty();
  }
}
