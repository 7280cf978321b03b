package io.netanal.cli;

import io.netanal.InvalidInputException;
import io.netanal.UnreadableFileException;
import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.AnalysisResult;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.report.Report;
import io.netanal.report.ReportJson;
import io.netanal.report.ReportStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The report {@code export} and {@code chart} work on: SOURCE's (a saved report read back, or a capture file
 * analyzed now, told apart by content), or without SOURCE the last report saved in the state directory.
 *
 * <p>Stateless; the command-line thread.
 */
final class LastReport {
  static final String NONE_MESSAGE =
      "no last report: run 'netanal analyze FILE' or 'netanal capture' first, or give a SOURCE";
  /** Every endpoint and conversation row, the bandwidth interval chosen automatically, no filter. */
  private static final AnalysisOptions WHOLE = new AnalysisOptions(0, 0, null, null);

  private LastReport() {}

  /** {@code warnings} receives one line per damaged capture (its report covers the frames before the damage). */
  static Report orSource(Path source, ReportStore store, Consumer<String> warnings) throws IOException {
    if (source != null) {
      if (Files.isDirectory(source)) {
        throw new UnreadableFileException(source + ": is a directory (expected: a capture file or a saved report)");
      }
      if (ReportJson.isJson(source)) {
        return ReportJson.read(source);
      }
      AnalysisResult result = CaptureFileAnalysis.analyzeFile(source, WHOLE);
      result.damage().forEach(warnings);
      return result.report();
    }
    ReportStore s = store == null ? ReportStore.standard() : store;
    return s.load().orElseThrow(() -> new InvalidInputException(NONE_MESSAGE));
  }
}
