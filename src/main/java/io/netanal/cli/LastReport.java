package io.netanal.cli;

import io.netanal.InvalidInputException;
import io.netanal.report.FileAnalysis;
import io.netanal.report.Report;
import io.netanal.report.ReportStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The report {@code export} and {@code chart} work on: SOURCE's (a capture analyzed now, or a saved report), or
 * without SOURCE the last report saved in the state directory.
 *
 * <p>Stateless; the command-line thread.
 */
final class LastReport {
  static final String NONE_MESSAGE =
      "no last report: run 'netanal analyze FILE' or 'netanal capture' first, or give a SOURCE";

  private LastReport() {}

  static Report orSource(Path source, ReportStore store, int top, double intervalSeconds, Consumer<String> warnings)
      throws IOException {
    if (source != null) {
      return FileAnalysis.load(source, top, intervalSeconds, warnings);
    }
    ReportStore s = store == null ? ReportStore.standard() : store;
    return s.load().orElseThrow(() -> new InvalidInputException(NONE_MESSAGE));
  }
}
