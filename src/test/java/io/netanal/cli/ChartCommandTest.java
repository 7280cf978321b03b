package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.report.ReportJson;
import io.netanal.report.ReportStore;
import io.netanal.testing.SampleReports;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartCommandTest {
  @TempDir Path dir;
  private final ChartCommand command = new ChartCommand();
  private final CommandRunner runner = new CommandRunner(command);

  @BeforeEach
  void useTemporaryDirectories() {
    command.store = new ReportStore(dir.resolve("state"));
    command.workingDirectory = dir;
  }

  @Test
  void shouldWriteTheDefaultFileInTheWorkingDirectoryAndPrintItsPath() throws Exception {
    command.store.save(SampleReports.fileReport("a.pcap"));

    assertThat(runner.run("protocols")).isZero();

    Path png = dir.resolve("netanal-protocols.png");
    assertThat(runner.out.toString()).isEqualTo(png + System.lineSeparator());
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(image.getHeight()).isEqualTo(700);
  }

  @Test
  void shouldChartASavedReportSourceAtTheGivenSize() throws Exception {
    Path saved = dir.resolve("saved.json");
    Files.writeString(saved, ReportJson.toJson(SampleReports.fileReport("a.pcap"), false));
    Path png = dir.resolve("talkers.png");

    assertThat(runner.run("talkers", "--width", "800", "--height", "600", "--top", "5", "-o", png.toString(),
        saved.toString())).isZero();

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(600);
    assertThat(runner.out.toString()).isEqualTo(png + System.lineSeparator());
  }

  @Test
  void shouldExplainHowToMakeALastReportWhenThereIsNone() {
    assertThat(runner.run("sizes")).isEqualTo(2);
    assertThat(runner.err.toString()).isEqualTo("netanal: no last report: run 'netanal analyze FILE' or "
        + "'netanal capture' first, or give a SOURCE" + System.lineSeparator());
  }

  @Test
  void shouldRejectAnUnknownChart() {
    assertThat(runner.run("pie")).isEqualTo(2);
    assertThat(runner.err.toString()).isEqualTo(
        "netanal: chart: pie (expected: protocols, bandwidth, talkers, sizes)" + System.lineSeparator());
  }

  @Test
  void shouldRejectSizesOutOfRange() {
    assertThat(runner.run("sizes", "--width", "0")).isEqualTo(2);
    assertThat(runner.err.toString()).isEqualTo(
        "netanal: --width: 0 (expected: 200 to 10000)" + System.lineSeparator());
  }

  @Test
  void shouldRejectATooTallImage() {
    assertThat(runner.run("sizes", "--height", "10001")).isEqualTo(2);
    assertThat(runner.err.toString()).isEqualTo(
        "netanal: --height: 10001 (expected: 200 to 10000)" + System.lineSeparator());
  }
}
