package io.netanal.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.InvalidInputException;
import io.netanal.report.Report;
import io.netanal.stats.Bandwidth;
import io.netanal.stats.BandwidthSample;
import io.netanal.testing.SampleReports;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChartWriterTest {
  @TempDir Path dir;
  private final Report report = SampleReports.fileReport("web-session.pcapng");

  @ParameterizedTest
  @EnumSource(ChartKind.class)
  void shouldWriteAPngOfTheRequestedSizeWithAChartOnIt(ChartKind kind) throws Exception {
    Path png = dir.resolve(kind.label() + ".png");

    ChartWriter.writePng(kind.build(report, 1200, 700, 10), 1200, 700, png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(image.getHeight()).isEqualTo(700);
    assertThat(ChartPictures.distinctColours(image)).as("colours").isGreaterThan(20);
    double background = ChartPictures.share(image, 0xffffff);
    assertThat(background).as("white share").isBetween(0.5, 0.98);
    assertThat(ChartPictures.share(image, ChartStyle.BLUE.getRGB() & 0xffffff)).as("blue share")
        .isGreaterThan(0.002);
  }

  @ParameterizedTest
  @EnumSource(ChartKind.class)
  void shouldRenderAtOtherSizes(ChartKind kind) {
    BufferedImage image = ChartWriter.render(kind.build(report, 400, 300, 5), 400, 300);

    assertThat(image.getWidth()).isEqualTo(400);
    assertThat(image.getHeight()).isEqualTo(300);
    assertThat(ChartPictures.distinctColours(image)).isGreaterThan(10);
  }

  @Test
  void shouldTitleChartsWithSourceAndTimeRange() {
    TitledChart chart = ChartKind.BANDWIDTH.build(report, 1200, 700, 10);

    assertThat(chart.title()).isEqualTo("Bandwidth over time");
    assertThat(chart.subtitle()).isEqualTo(
        "web-session.pcapng, 2023-11-14 22:13:20 to 22:14:19 UTC (59.877 s), 1,200 packets");
    assertThat(chart.body().getXAxisTitle()).isEqualTo("Time (UTC), 1 s intervals");
    assertThat(chart.body().getYAxisGroupTitle(0)).isEqualTo("Throughput (bit/s)");
    assertThat(chart.body().getYAxisGroupTitle(1)).isEqualTo("Packet rate (packets/s)");
  }

  @Test
  void shouldShowTheTopTalkersOnly() {
    TitledChart chart = ChartKind.TALKERS.build(report, 1200, 700, 3);

    assertThat(chart.title()).isEqualTo("Top 3 talkers by packets (of 13): bytes sent and received");
    assertThat(chart.body().getSeriesMap()).hasSize(6);
  }

  @Test
  void shouldDrawASingleBandwidthIntervalAsALevel() {
    Report one = withBandwidth(new Bandwidth(1.0, "1700000000.000000000", List.of(new BandwidthSample(0, 5, 500))));

    BufferedImage image = ChartWriter.render(ChartKind.BANDWIDTH.build(one, 800, 500, 10), 800, 500);

    // Both rates are constant, so both lines run level across the plot (the packets/s one drawn over the other).
    double lines = ChartPictures.share(image, ChartStyle.BLUE.getRGB() & 0xffffff)
        + ChartPictures.share(image, ChartStyle.ORANGE.getRGB() & 0xffffff);
    assertThat(lines).isGreaterThan(0.001);
  }

  @Test
  void shouldRefuseToChartAReportWithoutBandwidthSamples() {
    Report none = withBandwidth(new Bandwidth(1.0, null, List.of()));

    assertThatThrownBy(() -> ChartKind.BANDWIDTH.build(none, 1200, 700, 10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("chart bandwidth: no bandwidth samples in the report (packets: 1200)");
  }

  @Test
  void shouldFormatAxisNumbersWithSiPrefixes() {
    assertThat(ChartText.si(0)).isEqualTo("0");
    assertThat(ChartText.si(950)).isEqualTo("950");
    assertThat(ChartText.si(1500)).isEqualTo("1.5 k");
    assertThat(ChartText.si(12_000_000)).isEqualTo("12 M");
    assertThat(ChartText.si(2.5e9)).isEqualTo("2.5 G");
    assertThat(ChartText.si(0.25)).isEqualTo("0.25");
  }

  private Report withBandwidth(Bandwidth b) {
    Report r = report;
    return new Report(r.schema(), r.source(), r.summary(), r.capture(), r.protocols(), r.endpoints(),
        r.endpointsTotal(), r.endpointsOmitted(), r.conversations(), r.conversationsTotal(),
        r.conversationsOmitted(), b, r.sizes(), r.tcpFlags(), r.decode());
  }

  @Test
  void shouldLeaveNoFileWhenTheDirectoryIsMissing() {
    Path png = dir.resolve("missing/chart.png");

    assertThatThrownBy(() -> ChartWriter.writePng(ChartKind.SIZES.build(report, 600, 400, 10), 600, 400, png))
        .hasMessage(png + ": cannot write (No such file or directory)");
    assertThat(Files.exists(png)).isFalse();
  }
}
