package io.netanal.analysis;

import io.netanal.frame.FrameSink;
import io.netanal.frame.LinkType;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.report.Report;
import io.netanal.report.Source;
import io.netanal.stats.DecodingSink;
import io.netanal.stats.StatisticsCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Analyses one or more capture files into one report: reader, optional BPF filter, decoder, statistics.
 *
 * <p>Several files added to one analysis give one merged report (in the order added). Not thread-safe: one thread
 * adds files and takes the result; {@link #bytesRead()} may be read from any thread for progress.
 */
public final class CaptureFileAnalysis {
  private final AnalysisOptions options;
  private final StatisticsCollector collector;
  private final FrameSink sink;
  private final List<String> names = new ArrayList<>();
  private final Set<String> formats = new LinkedHashSet<>();
  private final Set<String> linkTypes = new LinkedHashSet<>();
  private final List<String> damage = new ArrayList<>();
  private Integer snaplen;
  private volatile CaptureFileReader current;
  private volatile long bytesDone;

  public CaptureFileAnalysis(AnalysisOptions options) {
    this.options = options;
    this.collector = options.intervalSeconds() > 0 ? new StatisticsCollector(options.intervalSeconds())
        : new StatisticsCollector();
    this.sink = new DecodingSink(collector);
  }

  /** Analyses one file on the calling thread; damage does not throw, see {@link AnalysisResult#damage()}. */
  public static AnalysisResult analyzeFile(Path file, AnalysisOptions options) throws IOException {
    CaptureFileAnalysis analysis = new CaptureFileAnalysis(options);
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      analysis.add(reader);
    }
    return analysis.result();
  }

  /** The report of one file; damage is ignored (it is in {@link #analyzeFile}'s result). */
  public static Report analyze(Path file, AnalysisOptions options) throws IOException {
    return analyzeFile(file, options).report();
  }

  /** Reads every frame of {@code reader} into this analysis. */
  public void add(CaptureFileReader reader) throws IOException {
    current = reader;
    try {
      reader.read(sink);
    } finally {
      bytesDone += Math.max(0, reader.bytesRead());
      current = null;
    }
    names.add(reader.name());
    formats.add(reader.format());
    for (int linkType : reader.linkTypes()) {
      linkTypes.add(LinkType.name(linkType));
    }
    if (snaplen == null) {
      snaplen = reader.snaplen();
    }
    if (reader.damage() != null) {
      damage.add(reader.damage());
    }
  }

  /** Bytes of input consumed so far, over every file; any thread. */
  public long bytesRead() {
    CaptureFileReader r = current;
    return bytesDone + (r == null ? 0 : r.bytesRead());
  }

  /** The report of everything added so far. */
  public AnalysisResult result() {
    Source source = new Source("file", String.join(", ", names), String.join(", ", formats),
        List.copyOf(linkTypes), snaplen, options.filter());
    return new AnalysisResult(Report.of(source, collector.snapshot(options.top()), null), damage);
  }
}
