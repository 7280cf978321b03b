package io.netanal.cli;

import io.netanal.InvalidInputException;
import io.netanal.chart.ChartKind;
import io.netanal.chart.ChartWriter;
import io.netanal.chart.TitledChart;
import io.netanal.report.Report;
import io.netanal.report.ReportStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netanal chart}: a PNG chart of the report (protocol share, bandwidth over time, top talkers, packet
 * sizes); prints the path it wrote.
 *
 * <p>Runs on the command-line thread.
 */
@Command(name = "chart", mixinStandardHelpOptions = true,
    description = {"Draw a chart of the report as PNG.",
        "SOURCE is a capture file (analyzed on the fly) or a saved report; without it, the last report that "
            + "'netanal analyze' or 'netanal capture' saved."})
final class ChartCommand implements Callable<Integer> {
  /** Below this XChart's axes, legend and the title band leave no room for the plot. */
  static final int MIN_SIDE = 200;
  static final int MAX_SIDE = 10_000;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CHART", completionCandidates = Kinds.class,
      description = "protocols, bandwidth, talkers or sizes.")
  String chart;

  @Parameters(index = "1", arity = "0..1", paramLabel = "SOURCE",
      description = "A capture file (pcap, pcapng) or a saved report (JSON).")
  Path source;

  @Option(names = {"-r", "--read"}, paramLabel = "FILE",
      description = "The capture file or saved report to read, as tcpdump -r (instead of SOURCE).")
  Path readSource;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE.png",
      description = "Where to write (default: netanal-<chart>.png in the working directory).")
  Path output;

  @Option(names = "--width", paramLabel = "W", defaultValue = "1200", description = "Image width in pixels "
      + "(default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", paramLabel = "H", defaultValue = "700", description = "Image height in pixels "
      + "(default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Talkers to show "
      + "(default: ${DEFAULT-VALUE}).")
  int top;

  /** Where the last report is; tests set their own. */
  ReportStore store;
  /** Where the default output goes; tests set their own. */
  Path workingDirectory = Path.of("");

  @Override
  public Integer call() throws IOException {
    source = SourceArgument.one(source, readSource);
    ChartKind kind = kind(chart);
    requireInRange("--width", width, MIN_SIDE, MAX_SIDE);
    requireInRange("--height", height, MIN_SIDE, MAX_SIDE);
    requireInRange("--top", top, 1, 1000);
    boolean[] damaged = {false};
    Report report = LastReport.orSource(source, store, message -> {
      damaged[0] = true;
      spec.commandLine().getErr().println("netanal: warning: " + message + "; the chart covers the frames before it");
    });
    TitledChart titled = kind.build(report, width, height, top);
    Path target = output != null ? output : workingDirectory.resolve("netanal-" + kind.label() + ".png");
    ChartWriter.writePng(titled, width, height, target);
    spec.commandLine().getOut().println(target);
    spec.commandLine().getOut().flush();
    return damaged[0] ? ExitCodes.INVALID_INPUT : ExitCodes.OK; // as analyze does for the same file
  }

  static ChartKind kind(String name) {
    for (ChartKind k : ChartKind.values()) {
      if (k.label().equals(name)) {
        return k;
      }
    }
    throw new InvalidInputException("chart: " + name + " (expected: " + String.join(", ", new Kinds()) + ")");
  }

  private static void requireInRange(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidInputException(option + ": " + value + " (expected: " + min + " to " + max + ")");
    }
  }

  /** The chart names, for help and completion. */
  static final class Kinds implements Iterable<String> {
    private final List<String> names =
        Stream.of(ChartKind.values()).map(ChartKind::label).collect(Collectors.toList());

    @Override
    public java.util.Iterator<String> iterator() {
      return names.iterator();
    }
  }
}
