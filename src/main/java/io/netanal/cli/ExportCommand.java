package io.netanal.cli;

import io.netanal.InvalidInputException;
import io.netanal.analysis.FramePipeline;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.report.AtomicFileOutput;
import io.netanal.report.CsvTables;
import io.netanal.report.PacketExporter;
import io.netanal.report.Report;
import io.netanal.report.ReportJson;
import io.netanal.report.ReportStore;
import io.netanal.report.ReportTable;
import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.report.WindowRecordWriter;
import io.netanal.window.WindowAggregator;
import io.netanal.window.WindowSizes;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netanal export}: the report, one table of it, or one row per packet, as JSON or CSV, to standard output
 * or atomically to a file.
 *
 * <p>Runs on the command-line thread.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export the report (or one table of it, or every packet's summary row) as JSON or CSV.",
        "SOURCE is a capture file (analyzed on the fly) or a saved report; without it, the last report that "
            + "'netanal analyze' or 'netanal capture' saved."})
final class ExportCommand implements Callable<Integer> {
  /** Not a table of the report: window records computed from a capture file (DESIGN.md section 6). */
  private static final String WINDOWS = "windows";

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true)
  Format format = new Format();

  static final class Format {
    @Option(names = "--json", description = "JSON (the default): the whole report, or with --packets JSON Lines.")
    boolean json;

    @Option(names = "--csv", description = "CSV (RFC 4180) with a header row: one table, or with --packets one row "
        + "per packet.")
    boolean csv;
  }

  @Option(names = "--table", paramLabel = "T",
      description = "One table: protocols, endpoints, conversations, bandwidth, sizes, flows, names (CSV default: "
          + "protocols); or windows (netanal.window/1 records of a capture file SOURCE).")
  String table;

  @Option(names = "--packets", description = "One row per packet (number, timestamp, source, destination, ports, "
      + "protocol, length, flags), streamed; needs a capture file SOURCE.")
  boolean packets;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write to FILE (replaced only when complete) instead of standard output.")
  Path output;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE",
      description = "A capture file (pcap, pcapng) or a saved report (JSON).")
  Path source;

  @Option(names = {"-r", "--read"}, paramLabel = "FILE",
      description = "The capture file or saved report to read, as tcpdump -r (instead of SOURCE).")
  Path readSource;

  /** Where the last report is; tests set their own. */
  ReportStore store;

  /** Set when a capture SOURCE turned out damaged: the output covers the frames before it, and the exit is 2. */
  private boolean damaged;

  @Override
  public Integer call() throws IOException {
    source = SourceArgument.one(source, readSource);
    if (WINDOWS.equals(table)) {
      exportWindows();
      return damaged ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
    }
    ReportTable selected = table == null ? null : ReportTable.named(table);
    if (packets) {
      exportPackets(selected);
    } else {
      Report report = LastReport.orSource(source, store, this::warn);
      if (format.csv) {
        ReportTable csvTable = selected == null ? ReportTable.PROTOCOLS : selected;
        write(out -> CsvTables.write(report, csvTable, out));
      } else {
        Object value = selected == null ? report : selected.of(report);
        boolean pretty = output == null && System.console() != null;
        write(out -> ReportJson.write(value, out, pretty));
      }
    }
    return damaged ? ExitCodes.INVALID_INPUT : ExitCodes.OK; // as analyze does for the same file
  }

  /**
   * {@code --table windows}: the {@code netanal.window/1} records of a capture file in the default window sizes,
   * streamed (JSON Lines, or CSV); a saved report holds no windows.
   */
  private void exportWindows() throws IOException {
    if (packets) {
      throw new InvalidInputException("--packets: cannot be combined with --table windows");
    }
    if (source == null || ReportJson.isJson(source)) {
      throw new InvalidInputException("--table windows: needs a capture file SOURCE (a saved report has no windows)");
    }
    WindowRecordWriter.Format rows = format.csv ? WindowRecordWriter.Format.CSV
        : WindowRecordWriter.Format.JSON_LINES;
    try (CaptureFileReader reader = CaptureFileReader.open(source)) {
      write(out -> {
        WindowAggregator aggregator = new WindowAggregator(WindowSizes.defaults(), new WindowRecordWriter(out, rows));
        CaptureFileAnalysis analysis = new CaptureFileAnalysis(AnalysisOptions.defaults(), List.of(aggregator));
        analysis.add(reader);
        analysis.result(); // finishes the windows
      });
      if (reader.damage() != null) {
        warn(reader.damage());
      }
    }
  }

  private void exportPackets(ReportTable selected) throws IOException {
    if (selected != null) {
      throw new InvalidInputException("--packets: cannot be combined with --table " + table
          + " (packet rows are not a report table)");
    }
    if (source == null) {
      throw new InvalidInputException("--packets: needs a capture file SOURCE (a saved report has no packets)");
    }
    if (ReportJson.isJson(source)) {
      throw new InvalidInputException(source + ": --packets needs a capture file, not a saved report");
    }
    PacketExporter.Format rows = format.csv ? PacketExporter.Format.CSV : PacketExporter.Format.JSON_LINES;
    try (CaptureFileReader reader = CaptureFileReader.open(source)) {
      write(out -> {
        PacketExporter exporter = new PacketExporter(out, rows, () -> closed(out));
        exporter.start();
        reader.read(FramePipeline.of(null, null, null, List.of(exporter)).sink());
        exporter.finish();
      });
      if (reader.damage() != null) {
        warn(reader.damage());
      }
    }
  }

  /** Writes to {@code -o FILE} atomically, or to standard output; a closed standard output ends quietly. */
  private void write(WriterContent content) throws IOException {
    if (output != null) {
      AtomicFileOutput.write(output, stream -> {
        Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        content.writeTo(writer);
        writer.flush();
      });
      return;
    }
    PrintWriter out = spec.commandLine().getOut();
    content.writeTo(out);
    out.flush();
    if (closed(out)) {
      throw new BrokenPipeException();
    }
  }

  /**
   * True when the reader of our output has gone away. PrintWriter hides write errors, and picocli's standard
   * writer wraps System.out in a way that hides them from its own checkError too, so ask System.out as well.
   */
  private boolean closed(Writer out) {
    if (out != spec.commandLine().getOut()) {
      return false; // a file: its write errors are thrown, not hidden
    }
    return ((PrintWriter) out).checkError() || System.out.checkError();
  }

  private void warn(String message) {
    damaged = true;
    spec.commandLine().getErr().println("netanal: warning: " + message + "; the output covers the frames before it");
  }

  @FunctionalInterface
  private interface WriterContent {
    void writeTo(Writer out) throws IOException;
  }
}
