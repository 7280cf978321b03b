package io.netanal.cli;

import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.FlowAnalysis;
import io.netanal.analysis.FramePipeline;
import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.flow.AppMessages;
import io.netanal.flow.AppMetadata;
import io.netanal.flow.FlowTableOptions;
import io.netanal.InvalidInputException;
import io.netanal.NetanalException;
import io.netanal.capture.CaptureConfig;
import io.netanal.capture.CaptureStatistics;
import io.netanal.capture.LiveCapture;
import io.netanal.capture.StopSignals;
import io.netanal.detect.AlertListener;
import io.netanal.detect.DetectionPipeline;
import io.netanal.frame.FrameSink;
import io.netanal.frame.LinkType;
import io.netanal.filter.FilterExpression;
import io.netanal.report.CaptureCounters;
import io.netanal.report.Report;
import io.netanal.report.ReportJson;
import io.netanal.report.ReportStore;
import io.netanal.report.Source;
import io.netanal.report.SpoolCounters;
import io.netanal.spool.SpoolConfig;
import io.netanal.spool.SpoolStatistics;
import io.netanal.spool.SpoolWriter;
import io.netanal.pcap.CaptureFileWriter;
import io.netanal.pcap.CaptureFormat;
import io.netanal.report.WindowRecordWriter;
import io.netanal.stats.StatisticsCollector;
import io.netanal.term.AlertLine;
import io.netanal.term.ConsoleStyle;
import io.netanal.term.PacketLine;
import io.netanal.term.ReportRenderer;
import io.netanal.term.StatusLine;
import io.netanal.term.WindowTable;
import io.netanal.window.WindowListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netanal capture}: a live capture until a frame count, a duration, Ctrl+C or SIGTERM, then the final
 * report (DESIGN.md sections 1 to 3).
 *
 * <p>Runs on the main thread, which is also the capture's consumer: it decodes and counts every frame, writes it
 * to {@code -w}, and publishes a report snapshot every 250 ms for the status line, which redraws it from its own
 * thread. The filter is compiled before the device is opened, so a bad one fails (exit 2) without capturing.
 * The final report goes to standard output and is saved as the last report (DESIGN.md section 1), also when the
 * capture fails once started (a full disk, the device gone): then the error follows the report, exit 1.
 *
 * <p>With {@code --spool}, a {@link SpoolWriter} is one more sink on this consumer thread (DESIGN.md section 7),
 * ticked with the wall clock so an idle period's file is finished; a spool disk that fails stops the capture,
 * and after the report the failure is thrown (exit 1).
 */
@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Capture live traffic and report its statistics (Ctrl+C stops and prints the report).")
final class CaptureCommand implements Callable<Integer> {
  static final String MICRO = "micro";
  static final String NANO = "nano";

  @Spec CommandSpec spec;

  @Option(names = {"-i", "--interface"}, paramLabel = "IF",
      description = "Device to capture on (default: the first that is up, running and not loopback).")
  String device;

  @Option(names = {"-D", "--list-interfaces"},
      description = "List the capture devices and exit (as netanal interfaces, or tcpdump -D).")
  boolean listInterfaces;

  /** The filter flags and {@code -f}: one expression, compiled before the device opens, applied in the kernel. */
  @Mixin FilterOptions filter;

  /** {@code --spool} and its options: one more sink on the consumer's side (DESIGN.md section 7). */
  @Mixin SpoolOptions spooling;

  @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N frames.")
  long count;

  @Option(names = {"-t", "--duration"}, paramLabel = "SECONDS", description = "Stop after SECONDS.")
  double durationSeconds;

  @Option(names = {"-w", "--write"}, paramLabel = "FILE",
      description = "Write every frame to FILE: pcapng when it ends in .pcapng, else pcap. FILE is replaced when "
          + "the capture ends, by a complete file.")
  Path output;

  @Option(names = "--time-stamp-precision", paramLabel = "micro|nano", completionCandidates = Precisions.class,
      description = "Timestamp precision of the capture and of a pcap -w file (default: ${DEFAULT-VALUE}, "
          + "which every tool reads; nano where libpcap and the device have it).")
  String precision = MICRO;

  @Option(names = "--snaplen", paramLabel = "N", description = "Bytes kept of each frame (default: ${DEFAULT-VALUE}).")
  int snaplen = LinkType.MAX_SNAPLEN;

  @Option(names = "--buffer-size", paramLabel = "MB",
      description = "Kernel capture buffer in MiB (default: ${DEFAULT-VALUE}).")
  int bufferMegabytes = CaptureConfig.DEFAULT_BUFFER_MEGABYTES;

  @Option(names = "--queue", paramLabel = "N",
      description = "Frames queued between capture and analysis; beyond them frames wait in the kernel buffer "
          + "(--buffer-size) (default: ${DEFAULT-VALUE}).")
  int queueFrames = CaptureConfig.DEFAULT_QUEUE_FRAMES;

  @Option(names = "--immediate-mode", description = "Deliver each frame at once (lower latency, more CPU).")
  boolean immediateMode;

  @Option(names = "-v", description = "Print one line per packet (to standard error with --json).")
  boolean packetLines;

  @Option(names = "--json", description = "Print the final report as JSON.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No status line.")
  boolean quiet;

  @Option(names = "--top", paramLabel = "N",
      description = "Endpoints and conversations to keep (0: all; default: ${DEFAULT-VALUE}).")
  int top = AnalysisOptions.DEFAULT_TOP;

  @Mixin FlowOptions flowOptions;

  @Option(names = "--active-timeout", paramLabel = "SECONDS",
      description = "Interim flow record for flows open this long (default: ${DEFAULT-VALUE}).")
  long activeTimeoutSeconds = TimeUnit.NANOSECONDS.toSeconds(FlowTableOptions.DEFAULT_ACTIVE_TIMEOUT);

  /** Windows and detection: alerts printed as raised; with --windows, window records streamed as they close. */
  @Mixin DetectionOptions detection;

  /** Where the final report is saved; null (the default) is the user's state directory. Tests set it. */
  ReportStore store;

  /** The latest statistics as a report, published by the consumer thread each tick for the status line. */
  private volatile Report latest;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (listInterfaces) {
      InterfacesCommand.print(out);
      return ExitCodes.OK;
    }
    CaptureConfig config = config();
    SpoolConfig spoolConfig = spooling.config();
    PrintWriter err = spec.commandLine().getErr();
    ConsoleStyle style = ConsoleStyle.detect();
    // Packet lines scroll: a status line redrawn among them would only garble both. Without one, the consumer
    // builds no snapshot per tick. Alerts and window tables are printed above it, never into it.
    StatusLine status = quiet || json || packetLines || !style.live() ? null
        : new StatusLine(style, err, () -> latest);
    DetectionPipeline detecting = detection.plan().pipeline(alertPrinter(out, err, style, status),
        windowPrinter(out, style, status));
    Report report;
    RuntimeException failure = null;
    SpoolWriter spool = null;
    try (LiveCapture capture = LiveCapture.open(config)) {
      Source source = source(capture);
      StatisticsCollector collector = new StatisticsCollector();
      PrintWriter packetOut = json ? err : out; // stdout stays one JSON document
      PacketLine line = new PacketLine(ZoneId.systemDefault());
      if (activeTimeoutSeconds < 1) {
        throw new InvalidInputException("--active-timeout: " + activeTimeoutSeconds + " (expected: >= 1 second)");
      }
      FlowAnalysis flows = new FlowAnalysis(FlowTableOptions.forLive(capture.device(), flowOptions.maxFlows,
          TimeUnit.SECONDS.toNanos(activeTimeoutSeconds)), top == 0 ? 20 : top, !flowOptions.noNames,
          flowOptions.noNames ? AppMetadata.NONE : AppMessages.INSTANCE);
      List<DecodedFrameConsumer> consumers = new ArrayList<>(List.of(flows.consumer()));
      if (packetLines) {
        consumers.add((ts, captured, original, buffer, offset, frame) ->
            packetOut.println(line.format(ts, frame, captured, (int) original)));
      }
      if (detecting != null) {
        flows.listen(detecting); // handshake times and retransmissions for the windows
        consumers.add(detecting);
      }
      FramePipeline pipeline = FramePipeline.of(null, null, collector, consumers);
      FrameSink decoding = pipeline.sink();
      spool = spoolConfig == null ? null : SpoolWriter.open(spoolConfig, capture.linkType(), capture.snaplen(),
          warning -> err.println("netanal: warning: " + warning));
      SpoolWriter spooled = spool;
      CaptureFileWriter writer = output == null ? null
          : CaptureFileWriter.open(output, writerFormat(capture), capture.linkType(), capture.snaplen());
      List<FrameSink> sinks = new ArrayList<>(List.of(decoding));
      if (writer != null) {
        sinks.add(writer);
      }
      if (spool != null) {
        sinks.add(spool);
      }
      Runnable tick = () -> {
        if (spooled != null) {
          spooled.tick(System.currentTimeMillis() * 1_000_000L); // finishes a period that is over
          if (spooled.failure() != null) {
            capture.stop(); // a failed spool disk stops the capture; the report says what was kept
          }
        }
        // Live idle time moves on without packets: flows time out by the wall clock too.
        pipeline.tick(TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()));
        if (status != null) {
          latest = Report.of(source, collector.statusSnapshot(), counters(capture.statistics(), spooled))
              .withFlows(flows.flows(), null);
        }
        if (packetLines) {
          packetOut.flush();
        }
        flush(writer); // whole records only: the file is a valid capture whenever the process stops
      };
      CaptureStatistics totals;
      try (SpoolWriter closedLast = spool; // finishes the current spool file after the capture, however it ended
           StopSignals signals = StopSignals.install(capture::stop, writer == null ? () -> { } : writer::abandon)) {
        err.println("netanal: listening on " + capture.device() + ", link-type " + LinkType.name(capture.linkType())
            + ", snapshot length " + capture.snaplen() + " bytes");
        err.flush();
        if (status != null) {
          status.start();
        }
        try {
          totals = capture.run(fanOut(sinks), tick);
        } catch (RuntimeException e) {
          failure = e;
          totals = capture.statistics(); // what was counted before the failure is still reported
        } finally {
          if (status != null) {
            status.stop();
          }
        }
      }
      failure = complete(writer, failure);
      if (failure == null && spool != null) {
        failure = spool.failure(); // after the report: exit 1, said once
      }
      pipeline.finish();
      report = Report.of(source, collector.snapshot(top), counters(totals, spool))
          .withFlows(flows.flows(), flows.names());
      if (detecting != null) {
        report = report.withDetection(detecting.summary(), detecting.alerts());
      }
    }
    print(report, out, style);
    (store == null ? ReportStore.standard() : store).save(report);
    if (failure != null) {
      throw failure;
    }
    return ExitCodes.OK;
  }

  /**
   * Completes the {@code -w} file (forced to disk, renamed into place, with every frame written before a write
   * failure) and returns the failure to report: a write failure says how many frames the file keeps.
   */
  private RuntimeException complete(CaptureFileWriter writer, RuntimeException failure) {
    if (writer == null) {
      return failure;
    }
    try {
      writer.close();
    } catch (IOException e) {
      if (failure == null) {
        return new UncheckedIOException(e);
      }
      failure.addSuppressed(e);
    }
    if (failure instanceof UncheckedIOException writeFailure) {
      return new NetanalException(Netanal.message(writeFailure) + " (capture stopped; " + output
          + " keeps the first " + writer.savedFrames() + " frames)", writeFailure.getCause());
    }
    return failure;
  }

  /** One sink that hands each frame to every one of {@code sinks}, in order. */
  static FrameSink fanOut(List<FrameSink> sinks) {
    if (sinks.size() == 1) {
      return sinks.get(0);
    }
    FrameSink[] all = sinks.toArray(new FrameSink[0]);
    return (linkType, ts, captured, original, buffer, offset) -> {
      for (FrameSink sink : all) {
        sink.frame(linkType, ts, captured, original, buffer, offset);
      }
    };
  }

  /**
   * Each alert as raised: a JSON line on stdout with --json, else a console line on stderr, above the status
   * line when there is one.
   */
  private AlertListener alertPrinter(PrintWriter out, PrintWriter err, ConsoleStyle style, StatusLine status) {
    if (json) {
      return alert -> {
        writeLine(alert, out);
      };
    }
    AlertLine line = new AlertLine(style);
    String separator = System.lineSeparator();
    return alert -> {
      String text = "netanal: alert: " + line.format(alert) + separator;
      if (status == null) {
        err.print(text);
        err.flush();
      } else {
        status.printAbove(err, text);
      }
    };
  }

  /**
   * With --windows: each closed window's records, as JSON Lines with --json, else as a table (above the status
   * line when there is one); null otherwise.
   */
  private WindowListener windowPrinter(PrintWriter out, ConsoleStyle style, StatusLine status) throws IOException {
    if (!detection.windowsGiven()) {
      return null;
    }
    if (json) {
      return new WindowRecordWriter(out, WindowRecordWriter.Format.JSON_LINES);
    }
    WindowTable table = new WindowTable(style);
    if (status == null) {
      return w -> table.render(w, out);
    }
    return w -> {
      StringWriter text = new StringWriter();
      table.render(w, new PrintWriter(text));
      status.printAbove(out, text.toString());
    };
  }

  private static void writeLine(Object value, PrintWriter out) {
    try {
      ReportJson.writeLine(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  CaptureConfig config() {
    if (bufferMegabytes <= 0 || bufferMegabytes > 2047) {
      throw new InvalidInputException("--buffer-size: " + bufferMegabytes + " (expected: 1-2047 MB)");
    }
    if (!(durationSeconds >= 0)) {
      throw new InvalidInputException("--duration: " + durationSeconds + " (expected: >= 0 seconds)");
    }
    if (top < 0) {
      throw new InvalidInputException("--top: " + top + " (expected: >= 0)");
    }
    if (!MICRO.equals(precision) && !NANO.equals(precision)) {
      throw new InvalidInputException("--time-stamp-precision: " + precision + " (expected: micro or nano)");
    }
    String expression = filter.checkedExpression().map(FilterExpression::text).orElse(null);
    return new CaptureConfig(device, expression, count, Math.round(durationSeconds * 1000), snaplen,
        bufferMegabytes << 20, queueFrames, immediateMode, NANO.equals(precision));
  }

  /** {@code pcapng} for a {@code .pcapng} output, otherwise {@code pcap}; null without {@code -w}. */
  String format() {
    if (output == null) {
      return null;
    }
    return output.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pcapng") ? "pcapng" : "pcap";
  }

  private Source source(LiveCapture capture) {
    return new Source("live", capture.device(), format(), List.of(LinkType.name(capture.linkType())),
        capture.snaplen(), capture.filter());
  }

  static CaptureCounters counters(CaptureStatistics s) {
    return new CaptureCounters(s.received(), s.droppedByQueue(), s.droppedByKernel(), s.droppedByInterface());
  }

  /** The capture counters with the spool's, when there is one (read on the consumer thread, which owns it). */
  private CaptureCounters counters(CaptureStatistics s, SpoolWriter spool) {
    if (spool == null) {
      return counters(s);
    }
    SpoolStatistics p = spool.statistics();
    return new CaptureCounters(s.received(), s.droppedByQueue(), s.droppedByKernel(), s.droppedByInterface(),
        new SpoolCounters(spooling.directory.toString(), p.files(), p.bytes(), p.packets(), p.deletedFiles(),
            p.deletedBytes(), p.deletedPackets(), p.droppedByDiskFull(), p.recoveredFiles(), p.discardedFiles()));
  }

  /**
   * pcapng for a {@code .pcapng} name; otherwise pcap in the capture's precision: microseconds unless nano was
   * asked for and libpcap delivers it, as tcpdump writes.
   */
  private CaptureFormat writerFormat(LiveCapture capture) {
    if ("pcapng".equals(format())) {
      return CaptureFormat.PCAPNG;
    }
    return capture.nanoTimestamps() ? CaptureFormat.PCAP_NANOS : CaptureFormat.PCAP_MICROS;
  }

  private static void flush(CaptureFileWriter writer) {
    if (writer == null) {
      return;
    }
    try {
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // stops the capture; run() rethrows it: exit 1
    }
  }

  /** The values of {@code --time-stamp-precision}, for help and shell completion. */
  static final class Precisions implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of(MICRO, NANO).iterator();
    }
  }

  /** JSON (pretty on a terminal, one line otherwise) or the console tables. */
  private void print(Report report, PrintWriter out, ConsoleStyle style) throws IOException {
    if (json) {
      // After alert or window lines, the report is one more JSON line; alone, pretty on a terminal as before.
      boolean lines = detection.windowsGiven() || (report.alerts() != null && !report.alerts().isEmpty());
      ReportJson.write(report, out, style.terminal() && !lines);
    } else {
      new ReportRenderer(style).render(report, out);
    }
    out.flush();
  }
}
