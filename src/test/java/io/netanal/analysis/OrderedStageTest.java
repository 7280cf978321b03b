package io.netanal.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.flow.FlowListener;
import io.netanal.flow.AppMessages;
import io.netanal.flow.FlowRecord;
import io.netanal.flow.FlowTable;
import io.netanal.flow.FlowTableOptions;
import io.netanal.flow.FlowTimingListener;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.report.Report;
import io.netanal.testing.PcapFixture;
import io.netanal.testing.TestData;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two-stage pipeline gives the ordered consumers exactly what the direct, one-thread pipeline gives them. */
class OrderedStageTest {
  @Test
  void shouldGiveIdenticalFlowRecordsOnEveryCorpusFile() throws Exception {
    List<Path> files = corpus();
    int compared = 0;
    for (Path file : files) {
      List<String> direct = flows(file, false);
      List<String> staged = flows(file, true);
      assertThat(staged).as(file.toString()).isEqualTo(direct);
      compared += direct.size();
    }
    assertThat(files).hasSizeGreaterThan(500);
    assertThat(compared).isGreaterThan(10_000);
  }

  @Test
  void shouldGiveTheSameReportWithFlowsAndNamesReadInTwoStagesAsSerially() throws Exception {
    for (Path file : corpus()) {
      if (Files.size(file) < 256 << 10) {
        continue; // the larger files, where names, DNS, TLS and HTTP turn up
      }
      Report serial = report(file, 1);
      Report staged = report(file, 2);
      assertThat(staged).as(file.toString()).isEqualTo(serial);
    }
  }

  @Test
  void shouldHandALaterConsumerTheFlowRecordsBetweenTheSameFramesAsASerialRead() throws Exception {
    int files = 0;
    for (Path file : corpus()) {
      if (Files.size(file) < 64 << 10) {
        continue;
      }
      List<String> serial = interleaving(file, 1);
      List<String> staged = interleaving(file, 2);
      assertThat(staged).as(file.toString()).isEqualTo(serial);
      files++;
    }
    assertThat(files).isGreaterThan(20);
  }

  @Test
  void shouldHandTheConsumerTheSameFramesAndRecordsWithoutStatisticsAndCountNone() throws Exception {
    int files = 0;
    for (Path file : corpus()) {
      if (Files.size(file) < 64 << 10) {
        continue;
      }
      List<String> counted = interleaving(file, 2);
      for (int workers = 1; workers <= 2; workers++) {
        List<String> seen = new ArrayList<>();
        FlowAnalysis flows = new FlowAnalysis(FlowTableOptions.forFile("x", 1000), 20, true, AppMessages.INSTANCE);
        CaptureFileAnalysis analysis = CaptureFileAnalysis.withoutStatistics(AnalysisOptions.defaults(), flows,
            new Recorder(seen), workers, 1);
        analysis.add(file);
        Report report = analysis.result().report();
        assertThat(seen).as(file + ", " + workers + " workers").isEqualTo(counted);
        assertThat(report.summary().packets()).as(file.toString()).isZero();
        assertThat(report.flows()).as(file.toString()).isNotNull();
      }
      files++;
    }
    assertThat(files).isGreaterThan(20);
  }

  @Test
  void shouldHandTheSameFramesAndRecordsWhereverTheFlowTableRuns() throws Exception {
    int files = 0;
    for (Path file : corpus()) {
      if (Files.size(file) < 64 << 10) {
        continue;
      }
      List<String> serial = interleaving(file, 1);
      // the flow table on the reading thread; on a stage of its own; on the same stage as the listener
      assertThat(split(file, new int[] {1, 1}, 0)).as(file + " on the reading thread").isEqualTo(serial);
      assertThat(split(file, new int[] {0, 1, 1}, 1)).as(file + " on its own stage").isEqualTo(serial);
      assertThat(split(file, new int[] {0, 1, 0, 1}, 1)).as(file + " two stages before").isEqualTo(serial);
      assertThat(split(file, new int[] {0, 2}, -1)).as(file + " beside the listener").isEqualTo(serial);
      files++;
    }
    assertThat(files).isGreaterThan(20);
  }

  @Test
  void shouldGiveEveryStageTheBytesAsReadWhileWindowsAreReusedUnderSlowStages(@TempDir Path dir) throws Exception {
    // 20,000 UDP frames of 0-700 payload bytes, each payload its own pattern: about 8 MB, eight 1 MB windows
    PcapFixture pcap = PcapFixture.ethernetBytes(20_000 * (16 + 42 + 700));
    for (int i = 0; i < 20_000; i++) {
      byte[] payload = new byte[(i * 37) % 701];
      for (int j = 0; j < payload.length; j++) {
        payload[j] = (byte) (i * 31 + j);
      }
      pcap.frame(1_000_000_000L * i, PcapFixture.udp(PcapFixture.ipv4(10, 0, 0, 1), PcapFixture.ipv4(10, 0, 0, 2),
          i % 60_000, 53, payload));
    }
    Path file = Files.write(dir.resolve("patterns.pcap"), pcap.bytes());
    List<String> direct = new ArrayList<>();
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      reader.read(FramePipeline.of(null, null, null, List.of(new Checksums(direct, 0))).sink());
    }

    List<String> middle = new ArrayList<>();
    List<String> last = new ArrayList<>();
    DecodedFrameConsumer[][] groups = {{}, {new Checksums(middle, 500)}, {new Checksums(last, 300)}};
    OrderedStage stage = new OrderedStage(null, groups, 0, null, 1); // one window waiting at most: reused at once
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      stage.read(reader, stage);
    }

    assertThat(direct).hasSize(20_000);
    assertThat(middle).isEqualTo(direct);
    assertThat(last).isEqualTo(direct);
  }

  /** Records a checksum of each frame's bytes and decoded ports; sleeps now and then, so the reader runs ahead. */
  private record Checksums(List<String> seen, int sleepEvery) implements DecodedFrameConsumer {
    @Override
    public void frame(long timestampNanos, int capturedLength, long originalLength, ByteBuffer buffer, int offset,
        DecodedFrame decoded) {
      CRC32 crc = new CRC32();
      crc.update(buffer.duplicate().position(offset).limit(offset + capturedLength));
      seen.add(timestampNanos + " " + capturedLength + " " + decoded.sourcePort() + " " + crc.getValue());
      if (sleepEvery > 0 && seen.size() % sleepEvery == 0) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Test
  void shouldCarryTheSameFlowNumbersToATimingListenerWhereverTheFlowTableRuns() throws Exception {
    int files = 0;
    long flows = 0;
    for (Path file : corpus()) {
      if (Files.size(file) < 64 << 10) {
        continue;
      }
      // Beside the listener the relay hands views straight on; from a stage of its own it carries the numbers.
      List<String> direct = timings(file, new int[] {0, 2}, -1);
      assertThat(timings(file, new int[] {0, 1, 1}, 1)).as(file + " on its own stage").isEqualTo(direct);
      flows += direct.stream().filter(line -> line.startsWith("timing ")).count();
      files++;
    }
    assertThat(files).isGreaterThan(20);
    assertThat(flows).isGreaterThan(1000);
  }

  @Test
  void shouldRejectARelayFromTheLastStage() {
    FramePipeline pipeline = FramePipeline.of(null, null, null, List.of(new Recorder(new ArrayList<>())));
    OrderedRelay relay = new OrderedRelay(flow -> { });

    assertThatThrownBy(() -> pipeline.readStaged(null, new int[] {0, 1}, 1, relay))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stages: 2 groups, relay from group 1 (expected: at least 2 groups, a relay from a group before "
            + "the last)");
  }

  @Test
  void shouldRethrowAConsumersFailureOnTheReadingThread() throws Exception {
    Path file = TestData.pcaps().resolve("pcapplusplus/example.pcap");
    DecodedFrameConsumer failing = (ts, captured, original, buffer, offset, decoded) -> {
      throw new IllegalStateException("consumer broke");
    };
    FramePipeline pipeline = FramePipeline.of(null, null, null, List.of(failing));
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      assertThatThrownBy(() -> pipeline.readStaged(reader)).isInstanceOf(IllegalStateException.class)
          .hasMessage("consumer broke");
    }
  }

  @Test
  void shouldRethrowAMiddleStagesFailureAfterEveryStageEnded() throws Exception {
    Path file = TestData.pcaps().resolve("pcapplusplus/example.pcap");
    List<String> later = new ArrayList<>();
    DecodedFrameConsumer failing = (ts, captured, original, buffer, offset, decoded) -> {
      throw new IllegalStateException("middle broke");
    };
    FramePipeline pipeline = FramePipeline.of(null, null, null, List.of(failing, new Recorder(later)));
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      assertThatThrownBy(() -> pipeline.readStaged(reader, new int[] {0, 1, 1}, 0, null))
          .isInstanceOf(IllegalStateException.class).hasMessage("middle broke");
    }
    assertThat(later).as("the last stage skips the frames after the failure").isEmpty();
  }

  /** Every flow record of {@code file} (or the failure), as text so that files that fail compare too. */
  private static List<String> flows(Path file, boolean staged) {
    List<String> out = new ArrayList<>();
    FlowTable table = new FlowTable(FlowTableOptions.forFile("x", 1000), r -> out.add(r.toString()),
        AppMessages.INSTANCE);
    FramePipeline pipeline = FramePipeline.of(null, null, null, List.of(table));
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      if (staged) {
        pipeline.readStaged(reader);
      } else {
        reader.read(pipeline.sink());
      }
      pipeline.finish();
      out.add("damage: " + reader.damage());
    } catch (Exception e) {
      out.add("failed: " + e);
    }
    return out;
  }

  /** What a consumer that also listens to the flow table sees: frames and records, in the order they come. */
  private static List<String> interleaving(Path file, int workers) throws Exception {
    List<String> seen = new ArrayList<>();
    Recorder recorder = new Recorder(seen);
    FlowAnalysis flows = new FlowAnalysis(FlowTableOptions.forFile("x", 1000), 20, true, AppMessages.INSTANCE);
    CaptureFileAnalysis analysis = new CaptureFileAnalysis(AnalysisOptions.defaults(), flows, recorder, workers, 1);
    analysis.add(file);
    analysis.result();
    assertThat(seen).contains("finish");
    return seen;
  }

  /**
   * As {@link #interleaving}, read in stages of {@code sizes} consumers (the flow table, then the recorder), the
   * flow table's records relayed from group {@code relayGroup} (-1: straight to the recorder, on the same stage).
   */
  private static List<String> split(Path file, int[] sizes, int relayGroup) throws Exception {
    List<String> seen = new ArrayList<>();
    Recorder recorder = new Recorder(seen);
    staged(file, sizes, relayGroup, recorder, recorder);
    return seen;
  }

  /** As {@link #split}, to a listener of flow numbers ({@link TimingRecorder}). */
  private static List<String> timings(Path file, int[] sizes, int relayGroup) throws Exception {
    List<String> seen = new ArrayList<>();
    TimingRecorder recorder = new TimingRecorder(seen);
    staged(file, sizes, relayGroup, recorder, recorder);
    return seen;
  }

  /** Reads {@code file} in stages of {@code sizes} consumers: the flow table, then {@code consumer}. */
  private static void staged(Path file, int[] sizes, int relayGroup, DecodedFrameConsumer consumer,
      FlowListener listener) throws Exception {
    FlowAnalysis flows = new FlowAnalysis(FlowTableOptions.forFile("x", 1000), 20, true, AppMessages.INSTANCE);
    OrderedRelay relay = new OrderedRelay(listener);
    flows.listen(relay);
    FramePipeline pipeline = FramePipeline.of(null, null, null, List.of(flows.consumer(), consumer));
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      pipeline.readStaged(reader, sizes, Math.max(0, relayGroup), relayGroup < 0 ? null : relay);
    }
    pipeline.finish();
  }

  /** Frames and the numbers of each ended flow (as a record's, when given one), in the order they come. */
  private record TimingRecorder(List<String> seen) implements DecodedFrameConsumer, FlowTimingListener {
    @Override
    public void frame(long timestampNanos, int capturedLength, long originalLength, ByteBuffer buffer, int offset,
        DecodedFrame decoded) {
      seen.add("frame " + timestampNanos + " " + capturedLength);
    }

    @Override
    public void flowEnded(FlowRecord flow) {
      flowTiming(flow.tsNanos(), flow.ipProtocol(), flow.ipVersion(), flow.origAddressHigh(), flow.origAddressLow(),
          flow.origRetransmissions(), flow.rttMillis() == null ? Double.NaN : flow.rttMillis());
    }

    @Override
    public void flowTiming(long tsNanos, int ipProtocol, int ipVersion, long origAddressHigh, long origAddressLow,
        long origRetransmissions, double rttMillis) {
      seen.add("timing " + tsNanos + " " + ipProtocol + " " + ipVersion + " " + origAddressHigh + " "
          + origAddressLow + " " + origRetransmissions + " " + rttMillis);
    }
  }

  private record Recorder(List<String> seen) implements DecodedFrameConsumer, FlowListener {
    @Override
    public void frame(long timestampNanos, int capturedLength, long originalLength, ByteBuffer buffer, int offset,
        DecodedFrame decoded) {
      seen.add("frame " + timestampNanos + " " + capturedLength + " " + decoded.sourcePort() + " "
          + buffer.get(offset + capturedLength - 1));
    }

    @Override
    public void flowEnded(FlowRecord flow) {
      seen.add("record " + flow);
    }

    @Override
    public void finish() {
      seen.add("finish");
    }
  }

  private static Report report(Path file, int workers) throws Exception {
    FlowAnalysis flows = new FlowAnalysis(FlowTableOptions.forFile("x", 1000), 20, true, AppMessages.INSTANCE);
    CaptureFileAnalysis analysis = new CaptureFileAnalysis(AnalysisOptions.defaults(), flows, workers, 1);
    analysis.add(file);
    return analysis.result().report();
  }

  private static List<Path> corpus() throws Exception {
    try (Stream<Path> paths = Files.walk(TestData.pcaps())) {
      return paths.filter(Files::isRegularFile)
          .filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap|pcap\\.gz|ntar)$")).sorted().toList();
    }
  }
}
