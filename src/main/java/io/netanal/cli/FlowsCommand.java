package io.netanal.cli;

import io.netanal.InvalidInputException;
import io.netanal.NetanalException;
import io.netanal.analysis.FramePipeline;
import io.netanal.capture.BpfCompiler;
import io.netanal.filter.FilterExpression;
import io.netanal.flow.AppMessages;
import io.netanal.flow.FlowListener;
import io.netanal.flow.FlowRecord;
import io.netanal.flow.FlowSummary;
import io.netanal.flow.FlowTable;
import io.netanal.flow.FlowTableOptions;
import io.netanal.flow.TopFlows;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.report.FlowRecordWriter;
import io.netanal.term.ConsoleStyle;
import io.netanal.term.FlowsRenderer;
import io.netanal.term.ProgressBar;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netanal flows FILE...}: the flows of capture files as Zeek-style connection records
 * ({@code netanal.flow/1}), streamed as JSON Lines or CSV as each flow ends, or the top flows as a console table.
 *
 * <p>Each file has its own flow table; each record names its file in {@code source}. With {@code --sort} or
 * {@code --top} only a bounded top list is kept and printed at the end. A file that cannot be read, or a damaged
 * one, is reported on stderr and makes the exit code 2, after the others are done.
 */
@Command(name = "flows", mixinStandardHelpOptions = true, sortOptions = false,
    description = "List the flows (connections) of capture files as Zeek-style records.")
final class FlowsCommand implements Callable<Integer> {
  private static final String STDIN = "-";
  private static final int CONSOLE_TOP = 20;
  /** What {@code --sort} alone keeps: the output of a sort must be bounded too. */
  static final int SORT_TOP = 1000;
  static final Set<String> STATES = Set.of("S0", "S1", "SF", "REJ", "S2", "S3", "RSTO", "RSTR", "RSTOS0", "RSTRH",
      "SH", "SHR", "OTH");

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files; '-' for standard input.")
  List<String> files;

  @Mixin FilterOptions filter;

  @Option(names = "--json", description = "One JSON object per flow (JSON Lines), as flows end.")
  boolean json;

  @Option(names = "--csv", description = "One CSV row per flow under a header, as flows end.")
  boolean csv;

  @Option(names = "--sort", paramLabel = "KEY",
      description = "Order by packets, bytes, duration (largest first) or start (earliest first); keeps the top "
          + "--top flows (default " + SORT_TOP + ").")
  String sort;

  @Option(names = "--top", paramLabel = "N", description = "Keep only the first N flows by --sort (default: bytes).")
  Integer top;

  @Option(names = "--state", paramLabel = "S", description = "Only flows in Zeek conn_state S (S0, SF, REJ, ...).")
  String state;

  @Option(names = "--service", paramLabel = "S", description = "Only flows of service S (dns, http, tls, ...).")
  String service;

  @Option(names = "--max-flows", paramLabel = "N",
      description = "Open flows kept before the longest idle is ended as evicted (default: ${DEFAULT-VALUE}).")
  int maxFlows = FlowTableOptions.DEFAULT_MAX_FLOWS;

  /** Set when a file was damaged: its flows are out and the warning printed; exit code 2. */
  private boolean damaged;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (json && csv) {
      throw new InvalidInputException("--json and --csv: both given (expected: at most one)");
    }
    if (top != null && top < 1) {
      throw new InvalidInputException("--top: " + top + " (expected: >= 1)");
    }
    if (state != null && !STATES.contains(state.toUpperCase(Locale.ROOT))) {
      throw new InvalidInputException("--state: " + state + " (expected: one of S0, S1, SF, REJ, S2, S3, RSTO, "
          + "RSTR, RSTOS0, RSTRH, SH, SHR, OTH)");
    }
    TopFlows.Order order = order();
    new FlowTableOptions("", maxFlows, 0, 0, 0, 0, 0); // validates --max-flows
    FilterExpression expression = filter.checkedExpression().orElse(null);
    BpfCompiler compiler = expression == null ? null : new BpfCompiler();
    ConsoleStyle style = ConsoleStyle.detect();
    boolean console = !json && !csv;
    boolean streaming = !console && sort == null && top == null;
    FlowRecordWriter writer = console ? null
        : json && out instanceof StandardOutput stdout
            ? new FlowRecordWriter(stdout.bytes()) // UTF-8 bytes as made, as JSON (RFC 8259) is
            : new FlowRecordWriter(out, csv ? FlowRecordWriter.Format.CSV : FlowRecordWriter.Format.JSON_LINES);
    TopFlows kept = streaming ? null
        : new TopFlows(top != null ? top : console ? CONSOLE_TOP : SORT_TOP, order);
    FlowSummary summary = new FlowSummary(0);
    FlowListener sink = flow -> {
      if (!selected(flow)) {
        return;
      }
      summary.flowEnded(flow);
      if (streaming) {
        writer.flowEnded(flow);
      } else {
        kept.flowEnded(flow);
      }
    };
    int exit = ExitCodes.OK;
    long evicted = 0;
    for (String file : files) {
      try {
        evicted += read(file, sink, expression, compiler, style, err);
      } catch (NetanalException | IOException e) {
        String message = Netanal.message(e);
        err.println("netanal: " + (e instanceof IOException && !message.startsWith(file) ? file + ": " : "")
            + message);
        exit = Math.max(exit, ExitCodes.of(e));
      } catch (UncheckedIOException e) {
        return ExitCodes.OK; // stdout closed by its reader
      }
      if (out.checkError()) {
        return ExitCodes.OK;
      }
    }
    if (console) {
      new FlowsRenderer(style).render("Flows", summary.total(),
          summary.snapshot(evicted).byState(), kept.sorted(), address -> null, out);
    } else if (!streaming) {
      for (FlowRecord f : kept.sorted()) {
        writer.flowEnded(f);
      }
    }
    if (writer != null) {
      writer.flush();
    }
    if (evicted > 0) {
      err.println("netanal: warning: " + evicted + " flows ended early as evicted (table full at --max-flows "
          + maxFlows + ")");
    }
    out.flush();
    err.flush();
    return damaged ? Math.max(exit, ExitCodes.INVALID_INPUT) : exit;
  }

  /** Reads one file through its own flow table; returns the flows it evicted. */
  private long read(String file, FlowListener sink, FilterExpression expression, BpfCompiler compiler,
      ConsoleStyle style, PrintWriter err) throws IOException {
    if (STDIN.equals(file)) {
      try (CaptureFileReader reader = CaptureFileReader.open(System.in, "(standard input)")) {
        return read(reader, sink, expression, compiler, err);
      }
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new InvalidInputException(file + ": not a valid path (" + e.getReason() + ")");
    }
    try (CaptureFileReader reader = CaptureFileReader.open(path)) {
      long size = Files.isRegularFile(path) ? Files.size(path) : -1;
      try (ProgressBar progress = ProgressBar.start(style, err, size, reader::bytesRead)) {
        return read(reader, sink, expression, compiler, err);
      }
    }
  }

  private long read(CaptureFileReader reader, FlowListener sink, FilterExpression expression,
      BpfCompiler compiler, PrintWriter err) throws IOException {
    FlowTable table = new FlowTable(FlowTableOptions.forFile(reader.name(), maxFlows), sink, AppMessages.INSTANCE);
    FramePipeline pipeline = FramePipeline.of(expression, compiler, null, List.of(table));
    if (Runtime.getRuntime().availableProcessors() > 1) {
      pipeline.readStaged(reader); // decoding on this thread, the flow table on another
    } else {
      reader.read(pipeline.sink());
    }
    pipeline.finish();
    if (reader.damage() != null) {
      err.println("netanal: warning: " + reader.damage() + "; the flows cover the frames before it");
      damaged = true;
    }
    return table.evicted();
  }

  private boolean selected(FlowRecord flow) {
    if (state != null && !state.equalsIgnoreCase(flow.state())) {
      return false;
    }
    return service == null || service.equalsIgnoreCase(String.valueOf(flow.service()));
  }

  private TopFlows.Order order() {
    if (sort == null) {
      return TopFlows.Order.BYTES;
    }
    return switch (sort.toLowerCase(Locale.ROOT)) {
      case "packets" -> TopFlows.Order.PACKETS;
      case "bytes" -> TopFlows.Order.BYTES;
      case "duration" -> TopFlows.Order.DURATION;
      case "start" -> TopFlows.Order.START;
      default -> throw new InvalidInputException("--sort: " + sort
          + " (expected: packets, bytes, duration or start)");
    };
  }
}
