package io.netanal.cli;

import io.netanal.InvalidInputException;
import io.netanal.NetanalException;
import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.AnalysisResult;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.analysis.FileAnalyses;
import io.netanal.capture.BpfCompiler;
import io.netanal.detect.DetectionPipeline;
import io.netanal.filter.FilterExpression;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.report.Report;
import io.netanal.report.ReportJson;
import io.netanal.report.ReportStore;
import io.netanal.term.ConsoleStyle;
import io.netanal.term.ProgressBar;
import io.netanal.term.ReportRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netanal analyze FILE...}: the report of each capture file (or of all of them with {@code --merge}), on
 * the console or as JSON Lines.
 *
 * <p>A file that cannot be read is reported on stderr and the others are still analysed; a damaged file gives
 * the report of what was read and a warning. Either makes the exit code 2, after every report is written.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Report statistics of capture files (pcap, pcapng; '-' reads standard input).")
final class AnalyzeCommand implements Callable<Integer> {
  private static final String STDIN = "-";

  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "Capture files; '-' for standard input.")
  List<String> files = new ArrayList<>();

  @Option(names = {"-r", "--read"}, paramLabel = "FILE",
      description = "A capture file to read, as tcpdump -r (repeatable; read before the FILE arguments).")
  List<String> readFiles = new ArrayList<>();

  @Mixin FilterOptions filter;

  @Option(names = "--top", paramLabel = "N", defaultValue = "20",
      description = "Endpoints and conversations to keep (0: all; default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--interval", paramLabel = "S",
      description = "Bandwidth interval in seconds (default: 1, widened for long captures).")
  Double interval;

  @Option(names = "--json", description = "Print the report as JSON (one line per file).")
  boolean json;

  @Option(names = "--merge", description = "One report for all files instead of one per file.")
  boolean merge;

  /** Windows and detection (DESIGN.md section 6): on unless --no-detect. */
  @Mixin DetectionOptions detection;

  @Mixin FlowOptions flowOptions;

  @Option(names = "--no-flows", description = "The base report only: no flows, names, windows or alerts (large "
      + "files are then read by parallel workers).")
  boolean noFlows;

  /** Where the last report is saved; the user's state directory unless a test says otherwise. */
  ReportStore store;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (interval != null && !(interval > 0)) {
      throw new InvalidInputException("--interval: " + interval + " (expected: > 0 seconds)");
    }
    if (top < 0) {
      throw new InvalidInputException("--top: " + top + " (expected: >= 0)");
    }
    List<String> inputs = new ArrayList<>(readFiles);
    inputs.addAll(files);
    if (inputs.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Missing required parameter: 'FILE' (or -r FILE)");
    }
    FilterExpression expression = filter.checkedExpression().orElse(null);
    AnalysisOptions options = new AnalysisOptions(top, interval == null ? 0 : interval, expression,
        expression == null ? null : new BpfCompiler());
    ConsoleStyle style = ConsoleStyle.detect(); // also decides whether stderr gets a progress bar
    int exit = ExitCodes.OK;
    List<Report> reports = new ArrayList<>();
    DetectionOptions.Plan plan = noFlows ? baseOnly() : detection.plan();
    DetectionPipeline mergedPipeline = merge ? plan.pipeline(null, null) : null;
    CaptureFileAnalysis merged = merge ? analysis(options, String.join(", ", inputs), mergedPipeline) : null;
    for (String file : inputs) {
      DetectionPipeline pipeline = merge ? mergedPipeline : plan.pipeline(null, null);
      CaptureFileAnalysis analysis = merge ? merged
          : analysis(options, STDIN.equals(file) ? "(standard input)" : file, pipeline);
      try {
        read(analysis, file, style, err);
      } catch (NetanalException | IOException e) {
        String message = Netanal.message(e);
        err.println("netanal: " + (e instanceof IOException && !message.startsWith(file) ? file + ": " : "")
            + message);
        exit = Math.max(exit, ExitCodes.of(e));
        continue;
      }
      if (!merge) {
        exit = Math.max(exit, emit(detected(analysis.result(), pipeline), out, err, style, reports));
        if (out.checkError()) {
          return ExitCodes.OK; // stdout closed by its reader
        }
      }
    }
    if (merge && merged.filesRead() > 0) {
      exit = Math.max(exit, emit(detected(merged.result(), mergedPipeline), out, err, style, reports));
    }
    if (!reports.isEmpty()) {
      (store == null ? ReportStore.standard() : store).save(reports.get(reports.size() - 1));
    }
    err.flush();
    return exit;
  }

  /**
   * An analysis with flows and (unless --no-names) names, its flow records naming {@code source}, and windows and
   * detection unless off (null); the flow records also feed the windows' handshake times and retransmissions.
   */
  private CaptureFileAnalysis analysis(AnalysisOptions options, String source, DetectionPipeline pipeline) {
    if (noFlows) {
      return new CaptureFileAnalysis(options); // no ordered consumer: parallel slices where the file is large
    }
    return FileAnalyses.create(options, source, flowOptions.maxFlows, !flowOptions.noNames, pipeline, List.of(),
        List.of());
  }

  /** The plan of {@code --no-flows}: windows and detection run on flows, so their options cannot go with it. */
  private DetectionOptions.Plan baseOnly() {
    if (detection.windowsGiven() || detection.detectFile != null) {
      throw new InvalidInputException("--no-flows: cannot be combined with "
          + (detection.windowsGiven() ? "--windows" : "--detect") + " (windows and alerts are built on flows)");
    }
    return new DetectionOptions.Plan(null, null);
  }

  /** The result with the alerts in its report (unchanged without detection); the analysis finished the windows. */
  private static AnalysisResult detected(AnalysisResult result, DetectionPipeline pipeline) {
    return FileAnalyses.detected(result, pipeline);
  }

  private void read(CaptureFileAnalysis analysis, String file, ConsoleStyle style, PrintWriter err)
      throws IOException {
    if (STDIN.equals(file)) {
      try (CaptureFileReader reader = CaptureFileReader.open(System.in, "(standard input)")) {
        analysis.add(reader);
      }
      return;
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new InvalidInputException(file + ": not a valid path (" + e.getReason() + ")");
    }
    long size = Files.isRegularFile(path) ? Files.size(path) : -1;
    long before = analysis.bytesRead();
    try (ProgressBar progress = ProgressBar.start(style, err, size, () -> analysis.bytesRead() - before)) {
      analysis.add(path);
    }
  }

  /** Prints one report and its damage warnings; returns the exit code they call for. */
  private int emit(AnalysisResult result, PrintWriter out, PrintWriter err, ConsoleStyle style,
      List<Report> reports) throws IOException {
    reports.add(result.report());
    if (json) {
      ReportJson.writeLine(result.report(), out);
    } else {
      new ReportRenderer(style).render(result.report(), out);
    }
    out.flush();
    for (String damage : result.damage()) {
      err.println("netanal: warning: " + damage + "; the report covers the frames before it");
    }
    return result.damaged() ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
  }
}
