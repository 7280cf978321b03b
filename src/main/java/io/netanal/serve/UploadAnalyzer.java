package io.netanal.serve;

import io.netanal.UnreadableFileException;
import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.AnalysisResult;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.analysis.FileAnalyses;
import io.netanal.flow.FlowTableOptions;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.report.Report;
import io.netanal.report.Source;
import io.netanal.store.IngestResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes one spooled upload with the engine of {@code netanal analyze} (statistics, flow table and names, built by
 * {@link FileAnalyses}), plus a {@link WindowTally} for the window rows and {@link FlowRows} for the flow rows,
 * into an {@link IngestResult}; its frames and flow records also feed the sensor's long-lived
 * {@link SensorState} (windows and detection across uploads).
 *
 * <p>Stateless. A body that is not a capture, or one damaged anywhere, is refused whole ({@link ApiException}
 * 400) by {@link #check}, before anything is fed: a collector stores (and detects on) a sensor's file exactly or
 * not at all, so a retry after a fix never double-counts the frames before the damage.
 *
 * <p>Bounded work: the file is read serially on the calling thread (no slice or stage threads), through one
 * reader buffer (at most 1 MiB); the per-upload tables are capped (the statistics tables, {@value #MAX_FLOWS}
 * flows in the flow table, {@value #MAX_FLOW_ROWS} flow rows, {@link SourceCounters#MAX_KEYS} source counters,
 * {@value #MAX_WINDOWS} windows).
 */
final class UploadAnalyzer {
  /** The report keeps this many endpoint and conversation rows; the window rows keep every source. */
  private static final int REPORT_TOP = 20;
  /** Flow rows stored per upload (about 200 bytes each while held); the rest are counted in the answer. */
  static final int MAX_FLOW_ROWS = 50_000;
  /** Flows held by one upload's flow table (800 bytes each: 40 MB); more are ended early, as a full table does. */
  static final int MAX_FLOWS = 50_000;
  /** Distinct 5 s windows with packets in one upload: a day. */
  static final int MAX_WINDOWS = 17_280;
  private static final long WINDOW_NANOS = 5_000_000_000L;

  private UploadAnalyzer() {}

  /**
   * Reads the whole body once, framing only; a body that is not a capture, is damaged, or has packets in more than
   * {@value #MAX_WINDOWS} distinct 5 s windows (the per-upload window counts take about 1 KB each) is refused
   * (400).
   */
  static void check(Path spooled) throws IOException {
    Set<Long> windows = new HashSet<>();
    long[] last = {Long.MIN_VALUE};
    try (CaptureFileReader reader = CaptureFileReader.open(spooled)) {
      reader.read((linkType, timestampNanos, capturedLength, originalLength, buffer, offset) -> {
        long w = Math.floorDiv(timestampNanos, WINDOW_NANOS);
        if (w != last[0]) { // frames mostly come in time order: one look-up per window, not per frame
          last[0] = w;
          if (windows.add(w) && windows.size() > MAX_WINDOWS) {
            throw ApiException.badRequest("body: packets in more than " + MAX_WINDOWS + " distinct 5 s windows "
                + "(expected: at most " + MAX_WINDOWS + ", a day of traffic; split the capture); nothing stored");
          }
        }
      });
      if (reader.damage() != null) {
        throw ApiException.badRequest(asBody(reader.damage(), spooled) + "; nothing stored");
      }
    } catch (UnreadableFileException e) {
      throw ApiException.badRequest(asBody(e.getMessage(), spooled) + "; nothing stored");
    }
  }

  /** Analyses a body {@link #check} accepted, feeding {@code sensor}'s state (whose lock the caller holds). */
  static IngestResult analyze(Path spooled, String sensor, String key, long sizeBytes, SensorState state)
      throws IOException {
    WindowTally tally = new WindowTally();
    FlowRows flows = new FlowRows(MAX_FLOW_ROWS);
    AnalysisOptions options = new AnalysisOptions(REPORT_TOP, 0, null, null);
    CaptureFileAnalysis analysis = FileAnalyses.create(options, sensor, Math.min(MAX_FLOWS, FlowTableOptions.DEFAULT_MAX_FLOWS), true,
        null, List.of(flows, state), List.of(tally, state));
    try (CaptureFileReader reader = CaptureFileReader.open(spooled)) {
      analysis.add(reader); // on this thread: one upload, one thread
    } catch (UnreadableFileException e) {
      throw ApiException.badRequest(asBody(e.getMessage(), spooled) + "; nothing stored");
    }
    AnalysisResult result = analysis.result();
    if (result.damaged()) {
      throw ApiException.badRequest(asBody(result.damage().get(0), spooled) + "; nothing stored");
    }
    Report report = result.report();
    Source file = report.source();
    report = withSource(report, new Source("upload", sensor, file.format(), file.linkTypes(), file.snaplen(),
        null));
    return new IngestResult(sensor, key, sizeBytes, report, tally.firstNanos(), tally.lastNanos(),
        tally.traffic(), tally.sources(), tally.protocols(), flows.rows(), flows.omitted(), List.of());
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
