package io.netanal.cli;

import io.netanal.InvalidInputException;
import io.netanal.capture.CaptureConfig;
import io.netanal.capture.CaptureStatistics;
import io.netanal.capture.LiveCapture;
import io.netanal.capture.StopSignals;
import io.netanal.frame.FrameSink;
import io.netanal.frame.LinkType;
import io.netanal.report.CaptureCounters;
import io.netanal.report.Report;
import io.netanal.report.Source;
import io.netanal.pcap.CaptureFileWriter;
import io.netanal.pcap.CaptureFormat;
import io.netanal.stats.DecodingSink;
import io.netanal.stats.StatisticsCollector;
import io.netanal.stats.StatisticsSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netanal capture}: a live capture until a frame count, a duration, Ctrl+C or SIGTERM, then the final
 * report (DESIGN.md sections 1 to 3).
 *
 * <p>Runs on the main thread, which is also the capture's consumer: it decodes and counts every frame, writes it
 * to {@code -w}, and publishes a statistics snapshot every 250 ms for the status line.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
    description = "Capture live traffic and report its statistics (Ctrl+C stops and prints the report).")
final class CaptureCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-i", "--interface"}, paramLabel = "IF",
      description = "Device to capture on (default: the first that is up, running and not loopback).")
  String device;

  // WIRING(lead): replace with the io.netanal.filter.FilterOptions mixin (filter flags + -f) once it is on main.
  @Option(names = {"-f", "--filter"}, paramLabel = "BPF", description = "BPF expression applied in the kernel.")
  String filter;

  @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N frames.")
  long count;

  @Option(names = {"-t", "--duration"}, paramLabel = "SECONDS", description = "Stop after SECONDS.")
  double durationSeconds;

  @Option(names = {"-w", "--write"}, paramLabel = "FILE",
      description = "Write every frame to FILE: pcapng when it ends in .pcapng, else pcap.")
  Path output;

  @Option(names = "--snaplen", paramLabel = "N", description = "Bytes kept of each frame (default: ${DEFAULT-VALUE}).")
  int snaplen = CaptureConfig.DEFAULT_SNAPLEN;

  @Option(names = "--buffer-size", paramLabel = "MB",
      description = "Kernel capture buffer in MiB (default: ${DEFAULT-VALUE}).")
  int bufferMegabytes = CaptureConfig.DEFAULT_BUFFER_MEGABYTES;

  @Option(names = "--queue", paramLabel = "N",
      description = "Frames queued between capture and analysis before frames are dropped (default: ${DEFAULT-VALUE}).")
  int queueFrames = CaptureConfig.DEFAULT_QUEUE_FRAMES;

  @Option(names = "--immediate-mode", description = "Deliver each frame at once (lower latency, more CPU).")
  boolean immediateMode;

  @Option(names = "-v", description = "Print one line per packet.")
  boolean packetLines;

  @Option(names = "--json", description = "Print the final report as JSON.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No status line.")
  boolean quiet;

  @Option(names = "--top", paramLabel = "N", description = "Endpoints and conversations shown (default: ${DEFAULT-VALUE}).")
  int top = 10;

  /** The latest statistics, published by the consumer thread for the status line. */
  private volatile StatisticsSnapshot latest;

  @Override
  public Integer call() throws Exception {
    CaptureConfig config = config();
    PrintWriter out = spec.commandLine().getOut();
    try (LiveCapture capture = LiveCapture.open(config)) {
      StatisticsCollector collector = new StatisticsCollector();
      DecodingSink decoding = new DecodingSink(collector);
      CaptureStatistics totals;
      try (CaptureFileWriter writer = output == null ? null
              : CaptureFileWriter.open(output, writerFormat(), capture.linkType(), capture.snaplen());
           StopSignals signals = StopSignals.install(capture::stop)) {
        FrameSink sink = writer == null ? decoding : (linkType, ts, captured, original, buffer, offset) -> {
          decoding.frame(linkType, ts, captured, original, buffer, offset);
          writer.frame(linkType, ts, captured, original, buffer, offset);
        };
        // WIRING(lead): on a terminal and unless -q/--json/CI/NO_COLOR, start io.netanal.term.StatusLine reading
        // `latest` (and capture.statistics()); with -v, print io.netanal.term.PacketLine per frame in the sink.
        Runnable tick = () -> {
          latest = collector.snapshot(top);
          flush(writer); // whole records only: the file is a valid capture whenever the process stops
        };
        totals = capture.run(sink, tick);
      }
      Report report = Report.of(source(capture), collector.snapshot(top), counters(totals));
      print(report, out);
    }
    return ExitCodes.OK;
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
    return new CaptureConfig(device, filter, count, Math.round(durationSeconds * 1000), snaplen,
        bufferMegabytes << 20, queueFrames, immediateMode);
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

  /** Nanosecond pcap keeps live timestamps exact; pcapng for a {@code .pcapng} name. */
  private CaptureFormat writerFormat() {
    return "pcapng".equals(format()) ? CaptureFormat.PCAPNG : CaptureFormat.PCAP_NANOS;
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

  // WIRING(lead): --json: io.netanal.report.ReportJson.write(report, out, true); otherwise
  // io.netanal.term.ReportRenderer; then io.netanal.report.ReportStore.standard().save(report).
  private void print(Report report, PrintWriter out) {
    CaptureCounters c = report.capture();
    out.printf("%s on %s: %d packets, %d bytes%n", report.source().kind(), report.source().name(),
        report.summary().packets(), report.summary().bytes());
    out.printf("capture: received %d, dropped by queue %d, by kernel %d, by interface %d%n", c.received(),
        c.droppedByQueue(), c.droppedByKernel(), c.droppedByInterface());
    out.flush();
  }
}
