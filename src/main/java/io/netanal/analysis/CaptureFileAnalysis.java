package io.netanal.analysis;

import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.flow.FlowListener;
import io.netanal.frame.FrameSink;
import io.netanal.frame.LinkType;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.report.Report;
import io.netanal.report.Source;
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
 * <p>Several files added to one analysis give one merged report (in the order added). A large pcap file is read
 * in slices by parallel workers, each with its own decoder and collector, merged in file order; a slice boundary
 * is only trusted when the previous worker ended exactly there, else the workers after it are discarded and the
 * file is finished serially, so the report is always the one a single reader would give.
 *
 * <p>The same holds once tables fill. Which addresses get rows of a full table depends on the order frames
 * arrive in, which only a serial read has: so a worker stops as soon as its table turns an address away, and a
 * slice is merged only when the merge turns nothing away either ({@link StatisticsCollector#canAbsorb});
 * otherwise the file is finished serially from that slice on. Workers' tables are capped at a
 * {@code 1 / workers} share of the default (a worker needing more stops and its slice is read serially), so all
 * collectors together hold at most twice one collector's tables (about 134 MB) whatever the core count.
 *
 * <p>Ordered consumers (the flow table, windows) need every frame in file order, which parallel slices cannot give
 * them. A file large enough to be sliced is then read whole, in stages ({@link FramePipeline#readStaged}): this
 * thread reads, decodes and counts, later threads run the consumers on the decoded frames, in order (with windows
 * and detection: the flow table on one, detection on another). Each frame is decoded once (reading the slices for the statistics while another thread read and decoded the whole
 * file again for the consumers made that thread the critical path), the results are exactly those of one serial
 * pass, and memory stays bounded. Consumers are finished by {@link #result()}.
 *
 * <p>Not thread-safe: one thread adds files and takes the result; {@link #bytesRead()} may be read from any
 * thread for progress.
 */
public final class CaptureFileAnalysis {
  /** Below 2 x 32 MB, a second thread costs more than it saves. */
  static final long DEFAULT_MIN_SLICE_BYTES = 32L << 20;
  private static final int MAX_WORKERS = 8;

  private final AnalysisOptions options;
  private final StatisticsCollector collector;
  private final List<DecodedFrameConsumer> consumers;
  /** Statistics and the ordered consumers, for files read serially. */
  private final FramePipeline pipeline;
  private boolean finished;
  private FlowAnalysis flowAnalysis;
  /** Set when the flow table's records go to a later consumer, which then runs on the second stage. */
  private OrderedRelay relay;
  private final List<String> names = new ArrayList<>();
  private final Set<String> formats = new LinkedHashSet<>();
  private final Set<String> linkTypes = new LinkedHashSet<>();
  private final List<String> damage = new ArrayList<>();
  private final int workers;
  private final long minSliceBytes;
  private final int maxTableEntries;
  private Integer snaplen;
  private volatile List<CaptureFileReader> current = List.of();
  private volatile long bytesDone;

  public CaptureFileAnalysis(AnalysisOptions options) {
    this(options, List.of());
  }

  /** An analysis whose report also has the {@code flows} and {@code names} of {@code flows}. */
  public CaptureFileAnalysis(AnalysisOptions options, FlowAnalysis flows) {
    this(options, List.of(flows.consumer()));
    this.flowAnalysis = flows;
  }

  /**
   * An analysis with flows and names, whose frames also go, after the flow table's, to {@code more} (windows and
   * detection), in file order.
   */
  public CaptureFileAnalysis(AnalysisOptions options, FlowAnalysis flows, List<? extends DecodedFrameConsumer> more) {
    this(options, concat(flows.consumer(), more));
    this.flowAnalysis = flows;
  }

  /**
   * An analysis with flows and names whose frames, and flow records, also go to {@code consumer} (windows and
   * detection), in file order: each frame after the flow table saw it, each record where the flow table ended it.
   * Read in stages, the flow table and {@code consumer} each run on a stage thread of their own, beside the reading
   * thread: three threads of about even work, which keeps two cores busy (see {@link OrderedStage}).
   */
  public <T extends DecodedFrameConsumer & FlowListener> CaptureFileAnalysis(AnalysisOptions options,
      FlowAnalysis flows, T consumer) {
    this(options, flows, consumer, Runtime.getRuntime().availableProcessors(), DEFAULT_MIN_SLICE_BYTES);
  }

  <T extends DecodedFrameConsumer & FlowListener> CaptureFileAnalysis(AnalysisOptions options, FlowAnalysis flows,
      T consumer, int workers, long minSliceBytes) {
    this(options, flows, consumer, workers, minSliceBytes, true);
  }

  private <T extends DecodedFrameConsumer & FlowListener> CaptureFileAnalysis(AnalysisOptions options,
      FlowAnalysis flows, T consumer, int workers, long minSliceBytes, boolean statistics) {
    this(options, List.of(flows.consumer(), consumer), workers, minSliceBytes,
        StatisticsCollector.DEFAULT_TABLE_ENTRIES, statistics);
    this.flowAnalysis = flows;
    this.relay = new OrderedRelay(consumer);
    flows.listen(relay);
  }

  private static List<DecodedFrameConsumer> concat(DecodedFrameConsumer first,
      List<? extends DecodedFrameConsumer> more) {
    List<DecodedFrameConsumer> all = new ArrayList<>();
    all.add(first);
    all.addAll(more);
    return all;
  }

  /** As {@link #CaptureFileAnalysis(AnalysisOptions, FlowAnalysis)}, files split as below. */
  CaptureFileAnalysis(AnalysisOptions options, FlowAnalysis flows, int workers, long minSliceBytes) {
    this(options, List.of(flows.consumer()), workers, minSliceBytes);
    this.flowAnalysis = flows;
  }

  /** An analysis that also feeds every frame, in file order, to {@code consumers}. */
  public CaptureFileAnalysis(AnalysisOptions options, List<? extends DecodedFrameConsumer> consumers) {
    this(options, consumers, Runtime.getRuntime().availableProcessors(), DEFAULT_MIN_SLICE_BYTES);
  }

  /** Files of at least {@code 2 * minSliceBytes} are split for up to {@code workers} threads. */
  CaptureFileAnalysis(AnalysisOptions options, int workers, long minSliceBytes) {
    this(options, List.of(), workers, minSliceBytes);
  }

  /** As above, with endpoint and conversation tables of {@code maxTableEntries} rows per family (workers: less). */
  CaptureFileAnalysis(AnalysisOptions options, int workers, long minSliceBytes, int maxTableEntries) {
    this(options, List.of(), workers, minSliceBytes, maxTableEntries);
  }

  CaptureFileAnalysis(AnalysisOptions options, List<? extends DecodedFrameConsumer> consumers, int workers,
      long minSliceBytes) {
    this(options, consumers, workers, minSliceBytes, StatisticsCollector.DEFAULT_TABLE_ENTRIES);
  }

  CaptureFileAnalysis(AnalysisOptions options, List<? extends DecodedFrameConsumer> consumers, int workers,
      long minSliceBytes, int maxTableEntries) {
    this(options, consumers, workers, minSliceBytes, maxTableEntries, true);
  }

  private CaptureFileAnalysis(AnalysisOptions options, List<? extends DecodedFrameConsumer> consumers, int workers,
      long minSliceBytes, int maxTableEntries, boolean statistics) {
    this.workers = Math.max(1, Math.min(workers, MAX_WORKERS));
    this.minSliceBytes = minSliceBytes;
    this.maxTableEntries = maxTableEntries;
    this.options = options;
    this.consumers = List.copyOf(consumers);
    this.collector = newCollector(maxTableEntries);
    this.pipeline = FramePipeline.of(options.filter(), options.compiler(), statistics ? collector : null,
        this.consumers);
  }

  /**
   * As {@link #CaptureFileAnalysis(AnalysisOptions, FlowAnalysis, DecodedFrameConsumer)}, for a command that
   * prints no report ({@code windows}): no statistics are counted (on the benchmark capture a sixth of the reading
   * thread's work), so the result's report has the sources, flows and names but zero counts.
   */
  public static <T extends DecodedFrameConsumer & FlowListener> CaptureFileAnalysis withoutStatistics(
      AnalysisOptions options, FlowAnalysis flows, T consumer) {
    return withoutStatistics(options, flows, consumer, Runtime.getRuntime().availableProcessors(),
        DEFAULT_MIN_SLICE_BYTES);
  }

  /** As above, read in stages from files of at least {@code 2 * minSliceBytes} when {@code workers > 1}. */
  static <T extends DecodedFrameConsumer & FlowListener> CaptureFileAnalysis withoutStatistics(
      AnalysisOptions options, FlowAnalysis flows, T consumer, int workers, long minSliceBytes) {
    return new CaptureFileAnalysis(options, flows, consumer, workers, minSliceBytes, false);
  }

  /** Analyses one file on the calling thread; damage does not throw, see {@link AnalysisResult#damage()}. */
  public static AnalysisResult analyzeFile(Path file, AnalysisOptions options) throws IOException {
    CaptureFileAnalysis analysis = new CaptureFileAnalysis(options);
    analysis.add(file);
    return analysis.result();
  }

  /** The report of one file; damage is ignored (it is in {@link #analyzeFile}'s result). */
  public static Report analyze(Path file, AnalysisOptions options) throws IOException {
    return analyzeFile(file, options).report();
  }

  /**
   * Reads every frame of a capture file into this analysis: in parallel slices where that pays, or in stages
   * when there are ordered consumers.
   */
  public void add(Path file) throws IOException {
    // Slices cannot feed ordered consumers: with consumers the file is read whole (in stages when large).
    List<CaptureFileReader> slices = CaptureFileReader.openSlices(file, consumers.isEmpty() ? workers : 1,
        minSliceBytes);
    try {
      CaptureFileReader first = slices.get(0);
      if (slices.size() > 1) {
        current = slices;
        CaptureFileReader last = readSlices(slices);
        describe(first, last.damage());
      } else if (!consumers.isEmpty() && workers > 1 && first.size() >= 2 * minSliceBytes) {
        current = slices;
        readStaged(first);
        describe(first, first.damage());
      } else {
        current = slices;
        readWhole(first); // its bytes reach bytesDone below, once
      }
    } finally {
      long read = 0;
      for (CaptureFileReader r : slices) {
        read += Math.max(0, r.bytesRead());
      }
      // Out of current before into bytesDone: progress may lag for an instant but never counts a slice twice.
      current = List.of();
      bytesDone += read;
      for (CaptureFileReader r : slices) {
        r.close();
      }
    }
  }

  /** Reads every frame of {@code reader} (a file or a stream) into this analysis, on the calling thread. */
  public void add(CaptureFileReader reader) throws IOException {
    current = List.of(reader);
    try {
      readWhole(reader);
    } finally {
      current = List.of();
      bytesDone += Math.max(0, reader.bytesRead());
    }
  }

  private void readWhole(CaptureFileReader reader) throws IOException {
    reader.read(pipeline.sink());
    describe(reader, reader.damage());
  }

  /**
   * Reads {@code reader} in stages: with a relay (windows and detection after the flow table), the flow table on a
   * stage of its own and the relay's listener on the last, so that reading, the flow table and detection each get a
   * thread (on the benchmark capture each is about a third of the CPU time); else every consumer on one stage.
   */
  private void readStaged(CaptureFileReader reader) throws IOException {
    int n = consumers.size();
    if (relay == null) {
      pipeline.readStaged(reader, new int[] {0, n}, 0, null);
    } else {
      pipeline.readStaged(reader, new int[] {0, 1, n - 1}, 1, relay);
    }
  }

  /** Reads the slices in parallel and merges them; returns the reader that read the file's last frames. */
  private CaptureFileReader readSlices(List<CaptureFileReader> slices) throws IOException {
    int n = slices.size();
    StatisticsCollector[] collectors = new StatisticsCollector[n];
    collectors[0] = collector;
    Thread[] threads = new Thread[n];
    Throwable[] failures = new Throwable[n];
    for (int i = 1; i < n; i++) {
      int slice = i;
      StatisticsCollector target = newCollector(Math.max(1, maxTableEntries / workers));
      collectors[i] = target;
      FrameSink decoding = sinkFor(target);
      FrameSink sliceSink = (linkType, timestampNanos, capturedLength, originalLength, buffer, offset) -> {
        decoding.frame(linkType, timestampNanos, capturedLength, originalLength, buffer, offset);
        if (target.overflowed()) {
          throw SliceAbandoned.INSTANCE; // its counts can no longer be merged exactly: stop reading now
        }
      };
      threads[i] = new Thread(() -> {
        try {
          slices.get(slice).read(sliceSink);
        } catch (Throwable e) {
          failures[slice] = e;
        }
      }, "analyze-slice-" + i);
      threads[i].start();
    }
    FrameSink first = pipeline.sink();
    try {
      slices.get(0).read(first);
    } finally {
      // Even when slice 0 fails, the workers finish before the caller closes their readers.
      joinAll(threads);
    }
    for (int i = 1; i < n; i++) {
      CaptureFileReader previous = slices.get(i - 1);
      boolean joined = previous.damage() == null && previous.position() == slices.get(i).start();
      if (!joined || failures[i] != null || !collector.canAbsorb(collectors[i])) {
        // The guessed boundary was wrong (or the file is damaged before it), or a table is full: only a serial
        // read gives the report a single reader would. Finish the file so.
        previous.stopAt(Long.MAX_VALUE);
        previous.read(first);
        return previous;
      }
      collector.merge(collectors[i]);
    }
    return slices.get(n - 1);
  }

  private static void joinAll(Thread[] threads) throws java.io.InterruptedIOException {
    boolean interrupted = false;
    for (int i = 1; i < threads.length; i++) {
      while (true) {
        try {
          threads[i].join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: the readers must not be closed under a running worker
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("analysis interrupted");
    }
  }

  private void describe(CaptureFileReader reader, String readerDamage) {
    names.add(reader.name());
    formats.add(reader.format());
    for (int linkType : reader.linkTypes()) {
      linkTypes.add(LinkType.name(linkType));
    }
    if (snaplen == null) {
      snaplen = reader.snaplen();
    }
    if (readerDamage != null) {
      damage.add(readerDamage);
    }
  }

  /** How many files (or streams) have been read into this analysis. */
  public int filesRead() {
    return names.size();
  }

  /** Bytes of input consumed so far, over every file; any thread. */
  public long bytesRead() {
    long total = bytesDone;
    for (CaptureFileReader r : current) {
      total += Math.max(0, r.bytesRead());
    }
    return total;
  }

  private StatisticsCollector newCollector(int maxEntries) {
    return StatisticsCollector.bounded(options.intervalSeconds() > 0 ? options.intervalSeconds() : 0, maxEntries);
  }

  /** Thrown by a worker's sink to stop its reader: a stackless singleton, caught where workers' failures are. */
  private static final class SliceAbandoned extends RuntimeException {
    static final SliceAbandoned INSTANCE = new SliceAbandoned();

    private SliceAbandoned() {
      super("slice abandoned: a table turned an address away", null, false, false);
    }
  }

  /** The per-frame path of one worker: filter (when asked), decoder, statistics. */
  private FrameSink sinkFor(StatisticsCollector target) {
    return FramePipeline.of(options.filter(), options.compiler(), target, List.of()).sink();
  }

  /** The report of everything added so far; the first call finishes the consumers (no more files after it). */
  public AnalysisResult result() {
    if (!finished) {
      finished = true;
      pipeline.finish();
    }
    Source source = new Source("file", String.join(", ", names), String.join(", ", formats),
        List.copyOf(linkTypes), snaplen, options.filter() == null ? null : options.filter().text());
    Report report = Report.of(source, collector.snapshot(options.top()), null);
    if (flowAnalysis != null) {
      report = report.withFlows(flowAnalysis.flows(), flowAnalysis.names());
    }
    return new AnalysisResult(report, damage);
  }
}
