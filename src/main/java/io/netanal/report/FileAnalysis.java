package io.netanal.report;

import io.netanal.UnreadableFileException;
import io.netanal.decode.DecodedFrame;
import io.netanal.decode.FrameDecoder;
import io.netanal.frame.FrameSink;
import io.netanal.frame.LinkType;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.stats.StatisticsCollector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a SOURCE into a report: a capture file is read, decoded and counted ({@code analyze}'s work, in one
 * place); a saved report JSON is read back. Which one a file is, is told by its content, not its name.
 *
 * <p>Stateless; any thread, one file per call.
 */
public final class FileAnalysis {
  private FileAnalysis() {}

  /**
   * The report of a capture file, endpoints and conversations cut to {@code top} rows ({@code <= 0}: all).
   * A damaged file still gives the report of the frames before the damage; {@code warnings} receives the
   * reader's one-line description of the damage.
   */
  public static Report analyze(Path file, int top, double intervalSeconds, Consumer<String> warnings)
      throws IOException {
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      return analyze(reader, top, intervalSeconds, warnings);
    } catch (NoSuchFileException e) {
      throw new UnreadableFileException(file + ": no such file", e);
    }
  }

  /** The report of everything {@code reader} has left to read. */
  public static Report analyze(CaptureFileReader reader, int top, double intervalSeconds,
      Consumer<String> warnings) throws IOException {
    // TODO(lead): pass intervalSeconds once StatisticsCollector takes a bandwidth interval.
    StatisticsCollector collector = new StatisticsCollector();
    reader.read(new DecodingSink(collector));
    if (reader.damage() != null) {
      warnings.accept(reader.damage());
    }
    List<String> linkTypes = new ArrayList<>();
    for (int linkType : reader.linkTypes()) {
      linkTypes.add(LinkType.name(linkType));
    }
    Source source = new Source("file", reader.name(), reader.format(), linkTypes, reader.snaplen(), null);
    return Report.of(source, collector.snapshot(top), null);
  }

  /**
   * The report of {@code file}: read back when it is a saved report (its first non-blank byte is <code>{</code>),
   * else analyzed as a capture.
   */
  public static Report load(Path file, int top, double intervalSeconds, Consumer<String> warnings)
      throws IOException {
    return isJson(file) ? ReportJson.read(file) : analyze(file, top, intervalSeconds, warnings);
  }

  /** True when {@code file} starts (after white space) with <code>{</code>: no capture format starts so. */
  public static boolean isJson(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      for (int i = 0; i < 4096; i++) {
        int b = in.read();
        if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
          return b == '{';
        }
      }
      return false;
    } catch (NoSuchFileException e) {
      throw new UnreadableFileException(file + ": no such file", e);
    }
  }

  /** Decodes each frame into one reused view and counts it; the file analysis consumer. */
  static final class DecodingSink implements FrameSink {
    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedFrame decoded = new DecodedFrame();
    private final StatisticsCollector collector;

    DecodingSink(StatisticsCollector collector) {
      this.collector = collector;
    }

    @Override
    public void frame(int linkType, long timestampNanos, int capturedLength, int originalLength,
        ByteBuffer buffer, int offset) {
      decoder.decode(linkType, buffer, offset, capturedLength, decoded);
      collector.record(timestampNanos, capturedLength, originalLength, decoded);
    }
  }
}
