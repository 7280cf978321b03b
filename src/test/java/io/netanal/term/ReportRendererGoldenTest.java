package io.netanal.term;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.report.Report;
import io.netanal.testing.SampleReports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every section of the console view, byte for byte: the sample reports and the bundled capture's report rendered
 * at four widths, plain ASCII and colour with Unicode, compared with {@code report-renderer-golden.txt}.
 *
 * <p>The golden file was written by the renderer as it was before it became a layout and one class per section;
 * a change to the console output on purpose rewrites it with {@code -Dnetanal.rewriteGolden=true} (and the
 * diff is reviewed like code).
 */
class ReportRendererGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/term/report-renderer-golden.txt");

  @Test
  void shouldRenderEveryReportExactlyAsTheGoldenFileSays() throws IOException {
    Map<String, Report> reports = new LinkedHashMap<>();
    reports.put("renderedFile", SampleReports.renderedFile());
    reports.put("renderedLive", SampleReports.renderedLive());
    reports.put("emptyFile", SampleReports.emptyFile());
    reports.put("arpOnlyFile", SampleReports.arpOnlyFile());
    reports.put("fileReport", SampleReports.fileReport("a.pcap"));
    reports.put("liveReport", SampleReports.liveReport());
    reports.put("loopback-sample", CaptureFileAnalysis.analyze(
        Path.of("src/test/resources/pcaps/loopback-sample.pcapng"), AnalysisOptions.defaults()));
    StringBuilder all = new StringBuilder();
    for (Map.Entry<String, Report> report : reports.entrySet()) {
      for (int width : new int[] {40, 80, 160}) {
        for (boolean fancy : new boolean[] {false, true}) {
          ConsoleStyle style = new ConsoleStyle(fancy, width, fancy, fancy, false);
          StringWriter text = new StringWriter();
          new ReportRenderer(style).render(report.getValue(), new PrintWriter(text));
          all.append("==== ").append(report.getKey()).append(" width ").append(width)
              .append(fancy ? " colour unicode" : " plain").append('\n').append(text);
        }
      }
    }
    if (Boolean.getBoolean("netanal.rewriteGolden")) {
      Files.writeString(GOLDEN, all, StandardCharsets.UTF_8);
    }
    assertThat(all.toString()).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }
}
