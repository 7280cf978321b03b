package io.netanal.term;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.testing.SampleReports;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StatusLineTest {

  @Test
  void shouldShowElapsedPacketsRatesDropsAndTopThreeProtocolsAboveTheLinkLayer() {
    String line = StatusLine.format(12_400_000_000L, SampleReports.renderedLive(), 10_234.4, 81_900_000, 79);

    assertThat(line).isEqualTo("0:12  123,456 pkts  10,234 pkt/s  81.9 Mbit/s  drops 12  ip 97% tcp 81% tls 49%");
  }

  @Test
  void shouldCutTheLineAtTheWidth() {
    assertThat(StatusLine.format(0, SampleReports.renderedLive(), 0, 0, 40))
        .isEqualTo("0:00  123,456 pkts  0 pkt/s  0 bit/s  dr");
  }

  @Test
  void shouldShowZeroesBeforeTheFirstSnapshot() {
    assertThat(StatusLine.format(0, null, 0, 0, 79)).isEqualTo("0:00  0 pkts  0 pkt/s  0 bit/s  drops 0");
  }

  @Test
  void shouldPrintNothingInPlainMode() {
    StringWriter err = new StringWriter();
    StatusLine status = new StatusLine(ConsoleStyle.of(true, 80, java.util.Map.of("CI", "1")), new PrintWriter(err),
        SampleReports::renderedLive);

    status.start();
    status.stop();

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void shouldShowTheSpoolsFilesAndBytesAndCountItsDiskFullDropsWithTheOthers() {
    assertThat(StatusLine.format(12_400_000_000L, SampleReports.renderedSpooling(), 10_234.4, 81_900_000, 120))
        .isEqualTo("0:12  123,456 pkts  10,234 pkt/s  81.9 Mbit/s  drops 468  spool 25 files 98.0 MB  ip 97% tcp 81%"
            + " tls 49%");
  }

  @Test
  void shouldPrintLinesAboveItAsTheyAreInPlainMode() {
    StringWriter err = new StringWriter();
    StatusLine status = new StatusLine(ConsoleStyle.of(true, 80, java.util.Map.of("CI", "1")), new PrintWriter(err),
        SampleReports::renderedLive);

    status.start();
    status.printAbove(new PrintWriter(err), "netanal: alert: high syn-flood\n");
    status.stop();

    assertThat(err.toString()).isEqualTo("netanal: alert: high syn-flood\n");
  }
}
