package io.netanal.serve;

import io.netanal.UnreadableFileException;
import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.AnalysisResult;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.analysis.FileAnalyses;
import io.netanal.detect.Alert;
import io.netanal.detect.DetectionPipeline;
import io.netanal.detect.DetectionSettings;
import io.netanal.flow.FlowTableOptions;
import io.netanal.frame.TimestampFormat;
import io.netanal.report.Report;
import io.netanal.report.Source;
import io.netanal.store.AlertRow;
import io.netanal.store.IngestResult;
import io.netanal.window.WindowSizes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one spooled upload with the engine of {@code netanal analyze} (statistics, flow table and names,
 * windows and detection with the default sizes and thresholds, built by {@link FileAnalyses}), plus a
 * {@link WindowTally} for the window rows and {@link FlowRows} for the flow rows, into an {@link IngestResult}.
 *
 * <p>Stateless; each call builds its own engine. A body that is not a capture, or one damaged anywhere, is refused
 * whole ({@link ApiException} 400): a collector stores a sensor's file exactly or not at all, so a retry after a
 * fix never double-counts the frames before the damage.
 */
final class UploadAnalyzer {
  /** The report keeps this many endpoint and conversation rows; the window rows keep every source. */
  private static final int REPORT_TOP = 20;
  /** Flow rows stored per upload (about 200 bytes each while held); the rest are counted in the answer. */
  static final int MAX_FLOW_ROWS = 50_000;
  /** The alerts table's message column. */
  private static final int MAX_MESSAGE = 500;

  private UploadAnalyzer() {}

  static IngestResult analyze(Path spooled, String sensor, String key, long sizeBytes) throws IOException {
    WindowTally tally = new WindowTally();
    FlowRows flows = new FlowRows(MAX_FLOW_ROWS);
    DetectionPipeline detection = new DetectionPipeline(WindowSizes.parse(WindowSizes.DEFAULT),
        DetectionSettings.defaults(), null, null);
    AnalysisOptions options = new AnalysisOptions(REPORT_TOP, 0, null, null);
    CaptureFileAnalysis analysis = FileAnalyses.create(options, sensor, FlowTableOptions.DEFAULT_MAX_FLOWS, true,
        detection, List.of(flows), List.of(tally));
    try {
      analysis.add(spooled);
    } catch (UnreadableFileException e) {
      throw ApiException.badRequest(asBody(e.getMessage(), spooled) + "; nothing stored");
    }
    AnalysisResult result = FileAnalyses.detected(analysis.result(), detection);
    if (result.damaged()) {
      throw ApiException.badRequest(asBody(result.damage().get(0), spooled) + "; nothing stored");
    }
    Report report = result.report();
    Source file = report.source();
    report = withSource(report, new Source("upload", sensor, file.format(), file.linkTypes(), file.snaplen(),
        null));
    return new IngestResult(sensor, key, sizeBytes, report, tally.firstNanos(), tally.lastNanos(),
        tally.traffic(), tally.sources(), tally.protocols(), flows.rows(), flows.omitted(), alertRows(report));
  }

  /** One row per alert episode: its first window's start, type, severity, source and summary. */
  private static List<AlertRow> alertRows(Report report) {
    List<AlertRow> rows = new ArrayList<>();
    if (report.alerts() != null) {
      for (Alert a : report.alerts()) {
        String message = a.summary().length() > MAX_MESSAGE ? a.summary().substring(0, MAX_MESSAGE) : a.summary();
        rows.add(new AlertRow(nanos(a.start()), a.type(), a.severity(), a.source(), message));
      }
    }
    return rows;
  }

  private static long nanos(String timestamp) {
    java.time.Instant t = TimestampFormat.parse(timestamp);
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** The report naming the sensor's upload instead of the server's spool file (no server paths in answers). */
  private static Report withSource(Report r, Source source) {
    return new Report(r.schema(), source, r.summary(), r.capture(), r.protocols(), r.endpoints(),
        r.endpointsTotal(), r.endpointsOmitted(), r.conversations(), r.conversationsTotal(),
        r.conversationsOmitted(), r.bandwidth(), r.sizes(), r.tcpFlags(), r.decode(), r.flows(), r.names(),
        r.detection(), r.alerts());
  }

  /** The reader names the spool file; a client hears "body" (no server paths in answers). */
  private static String asBody(String message, Path spooled) {
    return message.replace(spooled.toString(), "body");
  }
}
