package io.netanal.serve;

import io.netanal.UnreadableFileException;
import io.netanal.frame.LinkType;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.report.Report;
import io.netanal.report.Source;
import io.netanal.stats.DecodingSink;
import io.netanal.stats.StatisticsCollector;
import io.netanal.store.IngestResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one spooled upload with the same reader, decoder and statistics as {@code netanal analyze}, plus a
 * {@link WindowTally} for the window rows, into an {@link IngestResult}.
 *
 * <p>Stateless; each call runs on the calling thread with its own decoder. A body that is not a capture, or
 * one damaged anywhere, is refused whole ({@link ApiException} 400): a collector stores a sensor's file exactly
 * or not at all, so a retry after a fix never double-counts the frames before the damage.
 */
final class UploadAnalyzer {
  /** The report keeps this many endpoint and conversation rows; the window rows keep every source. */
  private static final int REPORT_TOP = 20;

  private UploadAnalyzer() {}

  static IngestResult analyze(Path spooled, String sensor, String key, long sizeBytes) throws IOException {
    StatisticsCollector collector = new StatisticsCollector();
    WindowTally tally = new WindowTally();
    // Opened as a file, not a stream: the reader's buffer then fits the upload instead of a 4 MB stream window.
    try (CaptureFileReader reader = open(spooled)) {
      reader.read(new DecodingSink(collector, tally));
      if (reader.damage() != null) {
        throw ApiException.badRequest(asBody(reader.damage(), spooled) + "; nothing stored");
      }
      List<String> linkTypes = new ArrayList<>();
      for (int linkType : reader.linkTypes()) {
        linkTypes.add(LinkType.name(linkType));
      }
      Source source = new Source("upload", sensor, reader.format(), linkTypes, reader.snaplen(), null);
      Report report = Report.of(source, collector.snapshot(REPORT_TOP), null);
      return new IngestResult(sensor, key, sizeBytes, report, tally.firstNanos(), tally.lastNanos(),
          tally.traffic(), tally.sources(), tally.protocols(), List.of(), List.of());
    }
  }

  private static CaptureFileReader open(Path spooled) throws IOException {
    try {
      return CaptureFileReader.open(spooled);
    } catch (UnreadableFileException e) {
      throw ApiException.badRequest(asBody(e.getMessage(), spooled) + "; nothing stored");
    }
  }

  /** The reader names the spool file; a client hears "body" (no server paths in answers). */
  private static String asBody(String message, Path spooled) {
    return message.replace(spooled.toString(), "body");
  }
}
