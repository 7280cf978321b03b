package io.netanal.cli;

import io.netanal.InvalidInputException;
import io.netanal.NetanalException;
import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.analysis.FlowAnalysis;
import io.netanal.capture.BpfCompiler;
import io.netanal.filter.FilterExpression;
import io.netanal.flow.AppMetadata;
import io.netanal.flow.FlowTableOptions;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.report.WindowRecordWriter;
import io.netanal.term.ConsoleStyle;
import io.netanal.term.WindowTable;
import io.netanal.window.WindowAggregator;
import io.netanal.window.WindowListener;
import io.netanal.window.WindowSizes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netanal windows FILE...}: per-address traffic features in tumbling windows aligned to the epoch
 * ({@code netanal.window/1}, DESIGN.md section 6), streamed as each window closes: console tables, JSON Lines or
 * CSV. The files are read in the order given as one stream of packets, so windows span file boundaries.
 *
 * <p>Runs on the command-line thread. Packets that come after their window closed are counted and reported on
 * stderr; a file that cannot be read is reported and the others are still read (exit 2).
 */
@Command(name = "windows", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Per-address traffic features in 5s/30s/3m windows (JSON Lines, CSV or tables), as windows close.")
final class WindowsCommand implements Callable<Integer> {
  private static final String STDIN = "-";

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files; '-' for standard input.")
  List<String> files;

  @Option(names = "--windows", paramLabel = "SIZES", defaultValue = WindowSizes.DEFAULT,
      description = "Window sizes, multiples of 5s (default: ${DEFAULT-VALUE}).")
  String windows;

  @ArgGroup(exclusive = true)
  Format format = new Format();

  static final class Format {
    @Option(names = "--json", description = "JSON Lines: one netanal.window/1 record per line.")
    boolean json;

    @Option(names = "--csv", description = "CSV (RFC 4180) with a header row of the record's field names.")
    boolean csv;
  }

  @Mixin FilterOptions filter;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    WindowSizes sizes = WindowSizes.parse(windows);
    FilterExpression expression = filter.checkedExpression().orElse(null);
    AnalysisOptions options = new AnalysisOptions(AnalysisOptions.DEFAULT_TOP, 0, expression,
        expression == null ? null : new BpfCompiler());
    WindowListener listener;
    if (format.json && out instanceof StandardOutput stdout) {
      listener = new WindowRecordWriter(stdout.bytes()); // UTF-8 bytes as made, as JSON (RFC 8259) is
    } else if (format.json || format.csv) {
      listener = new WindowRecordWriter(out,
          format.csv ? WindowRecordWriter.Format.CSV : WindowRecordWriter.Format.JSON_LINES);
    } else {
      WindowTable table = new WindowTable(ConsoleStyle.detect());
      listener = w -> table.render(w, out);
    }
    WindowAggregator aggregator = new WindowAggregator(sizes, closing(listener, out));
    // The flow table's records give the windows their handshake round trips and retransmissions; the analysis
    // hands them over, in order, and runs the flow table and the windows on two threads for a large file.
    FlowAnalysis flows = new FlowAnalysis(FlowTableOptions.forFile(String.join(", ", files),
        FlowTableOptions.DEFAULT_MAX_FLOWS), 1, false, AppMetadata.NONE);
    CaptureFileAnalysis analysis = CaptureFileAnalysis.withoutStatistics(options, flows, aggregator);
    int exit = ExitCodes.OK;
    for (String file : files) {
      try {
        read(analysis, file);
      } catch (NetanalException | IOException e) {
        String message = Netanal.message(e);
        err.println("netanal: " + (e instanceof IOException && !message.startsWith(file) ? file + ": " : "")
            + message);
        exit = Math.max(exit, ExitCodes.of(e));
      }
    }
    for (String damage : analysis.result().damage()) { // result() finishes the windows
      err.println("netanal: warning: " + damage + "; the windows cover the frames before it");
      exit = Math.max(exit, ExitCodes.INVALID_INPUT);
    }
    if (aggregator.latePackets() > 0) {
      err.println("netanal: " + aggregator.latePackets() + " packets came more than one 5 s window late and were "
          + "counted but not windowed");
    }
    out.flush();
    err.flush();
    return exit;
  }

  /** A closed standard output (| head) stops the reading quietly. */
  private static WindowListener closing(WindowListener listener, PrintWriter out) {
    return w -> {
      listener.windowClosed(w);
      if (out.checkError()) {
        throw new UncheckedIOException(new IOException("Broken pipe"));
      }
    };
  }

  private static void read(CaptureFileAnalysis analysis, String file) throws IOException {
    if (STDIN.equals(file)) {
      try (CaptureFileReader reader = CaptureFileReader.open(System.in, "(standard input)")) {
        analysis.add(reader);
      }
      return;
    }
    try {
      analysis.add(Path.of(file));
    } catch (InvalidPathException e) {
      throw new InvalidInputException(file + ": not a valid path (" + e.getReason() + ")");
    }
  }
}
