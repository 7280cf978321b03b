package io.netanal.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.pcap.CaptureFileReader;
import io.netanal.pcap.CaptureFileWriter;
import io.netanal.pcap.CaptureFormat;
import io.netanal.testing.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFileAnalysisTest {
  @TempDir Path dir;

  @Test
  void shouldCountTheBytesOfAFileReadWholeOnceForProgress() throws IOException {
    Path sample = Path.of("src/test/resources/pcaps/loopback-sample.pcapng");
    CaptureFileAnalysis analysis = new CaptureFileAnalysis(AnalysisOptions.defaults());
    analysis.add(sample);
    assertThat(analysis.bytesRead()).isEqualTo(Files.size(sample));
  }

  @Test
  void shouldGiveTheSameReportWhenLargePcapFilesAreReadInParallelSlices() throws IOException {
    Path pcaps = TestData.pcaps();
    List<Path> files;
    try (Stream<Path> all = Files.walk(pcaps)) {
      files = all.filter(p -> p.toString().endsWith(".pcap") && p.toFile().length() > 20_000)
          .sorted().collect(Collectors.toList());
    }
    int split = 0;
    for (Path file : files) {
      AnalysisResult serial = analyze(file, 1, Long.MAX_VALUE / 4);
      for (int workers = 2; workers <= 3; workers++) {
        AnalysisResult parallel = analyze(file, workers, Math.max(1, file.toFile().length() / (workers + 1)));
        assertThat(parallel.report()).as(file + " in " + workers + " slices").isEqualTo(serial.report());
        assertThat(parallel.damage()).as(file + " damage").isEqualTo(serial.damage());
      }
      try (CaptureFileReader r = CaptureFileReader.open(file)) {
        split += "pcap".equals(r.format()) ? 1 : 0;
      }
    }
    assertThat(split).as("pcap files compared").isGreaterThan(50);
  }

  @Test
  void shouldFinishSeriallyWhenASliceStartsAtAFalseRecordBoundary() throws IOException {
    // Frames whose payload is itself a plausible run of pcap record headers: a boundary search that starts
    // inside them takes the payload for records. The result must still be the serial one.
    Path file = dir.resolve("decoys.pcap");
    try (CaptureFileWriter w = CaptureFileWriter.open(file, CaptureFormat.PCAP_MICROS, 1, 65535)) {
      ByteBuffer frame = ByteBuffer.allocate(1400);
      for (int i = 0; i < 2000; i++) {
        frame.clear();
        while (frame.remaining() >= 16 + 60) {
          frame.putInt(1_700_000_000).putInt(0).putInt(60).putInt(60); // a decoy record header
          frame.position(frame.position() + 60); // its 60 bytes of "frame"
        }
        w.frame(1, 1_700_000_000_000_000_000L + i * 1000L, 1400, 1400, frame.clear(), 0);
      }
    }
    AnalysisResult serial = analyze(file, 1, Long.MAX_VALUE / 4);
    AnalysisResult parallel = analyze(file, 2, file.toFile().length() / 3);
    assertThat(serial.report().summary().packets()).isEqualTo(2000);
    assertThat(parallel.report()).isEqualTo(serial.report());
  }

  @Test
  void shouldReadFilesOfSwappedLengthsInParallelSlicesToo() throws IOException {
    // Every record's incl_len above its orig_len, as some writers write them: the reader keeps such records, so
    // the slice boundary search must accept them too, or the file is never split.
    Path file = dir.resolve("swapped-everywhere.pcap");
    try (CaptureFileWriter w = CaptureFileWriter.open(file, CaptureFormat.PCAP_MICROS, 1, 65535)) {
      for (int i = 0; i < 5_000; i++) {
        w.frame(1, 1_700_000_000_000_000_000L + i * 1000L, UDP_FRAME.length, 30, ByteBuffer.wrap(UDP_FRAME), 0);
      }
    }
    long third = file.toFile().length() / 3;
    List<CaptureFileReader> slices = CaptureFileReader.openSlices(file, 2, third);
    try {
      assertThat(slices).hasSize(2);
    } finally {
      for (CaptureFileReader slice : slices) {
        slice.close();
      }
    }
    AnalysisResult serial = analyze(file, 1, Long.MAX_VALUE / 4);
    assertThat(serial.report().summary().bytes()).isEqualTo(5_000L * 30);
    assertThat(analyze(file, 2, third).report()).isEqualTo(serial.report());
  }

  @Test
  void shouldGiveTheSerialReportWhenSlicesTogetherCrossTheTableCap() throws IOException {
    // 3 x 10,000 frames, each third with 4,500 new client addresses (and repeats of earlier ones) talking to one
    // server: more than a 1,000-row table and its sketch can hold exactly. Which clients get rows (and which go to
    // other) depends on arrival order, so parallel slices must give exactly what one reader gives.
    Path file = dir.resolve("crossing-the-cap.pcap");
    java.util.SplittableRandom random = new java.util.SplittableRandom(4);
    try (CaptureFileWriter w = CaptureFileWriter.open(file, CaptureFormat.PCAP_MICROS, 1, 65535)) {
      ByteBuffer frame = ByteBuffer.wrap(UDP_FRAME.clone());
      for (int i = 0; i < 30_000; i++) {
        int third = i / 10_000;
        int client = i % 10_000 < 9_000 ? third * 5_000 + (i % 10_000) / 2 : random.nextInt(third * 5_000 + 4_500);
        frame.putInt(26, 0x0a100000 + client); // IPv4 source
        w.frame(1, 1_700_000_000_000_000_000L + i * 1000L, UDP_FRAME.length, UDP_FRAME.length + random.nextInt(900),
            frame, 0);
      }
    }

    AnalysisResult serial = analyze(file, 1, Long.MAX_VALUE / 4, 1_000, 0);
    assertThat(serial.report().endpointsTotal()).as("rows, other included").isGreaterThan(1_000);
    for (int workers = 2; workers <= 3; workers++) {
      AnalysisResult parallel = analyze(file, workers, file.toFile().length() / (workers + 1), 1_000, 0);
      assertThat(parallel.report()).as(workers + " slices").isEqualTo(serial.report());
    }
  }

  @Test
  void shouldGiveTheSerialReportOfAFloodWhoseEverySliceOverflowsItsTables() throws IOException {
    Path file = dir.resolve("flood.pcap");
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    try (CaptureFileWriter w = CaptureFileWriter.open(file, CaptureFormat.PCAP_MICROS, 1, 65535)) {
      ByteBuffer frame = ByteBuffer.wrap(UDP_FRAME.clone());
      for (int i = 0; i < 20_000; i++) {
        frame.putInt(26, i % 10 == 0 ? 0x0a000063 : random.nextInt()); // a heavy 10.0.0.99 among spoofed sources
        w.frame(1, 1_700_000_000_000_000_000L + i * 1000L, UDP_FRAME.length, UDP_FRAME.length, frame, 0);
      }
    }

    AnalysisResult serial = analyze(file, 1, Long.MAX_VALUE / 4, 500, 5);
    assertThat(serial.report().endpoints()).extracting(io.netanal.stats.Endpoint::address)
        .contains("other", "10.0.0.99");
    for (int workers = 2; workers <= 3; workers++) {
      AnalysisResult parallel = analyze(file, workers, file.toFile().length() / (workers + 1), 500, 5);
      assertThat(parallel.report()).as(workers + " slices").isEqualTo(serial.report());
    }
  }

  /** An Ethernet + IPv4 + UDP frame, 10.0.0.1:8080 -> 10.0.0.2:53, 42 bytes. */
  private static final byte[] UDP_FRAME = {
      2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00, // Ethernet: destination, source, type IPv4
      0x45, 0, 0, 28, 0, 0, 0x40, 0, 64, 17, 0, 0, // IPv4: IHL 5, total length 28, DF, TTL 64, UDP, checksum 0
      10, 0, 0, 1, 10, 0, 0, 2, // IPv4: source, destination
      0x1f, (byte) 0x90, 0, 53, 0, 8, 0, 0 // UDP: 8080 -> 53, length 8, checksum 0
  };

  /** A little-endian microsecond pcap, snaplen 65535, Ethernet, one record per original length given. */
  private Path pcapOfUdpFrames(String name, int... originalLengths) throws IOException {
    ByteBuffer file = ByteBuffer.allocate(24 + originalLengths.length * (16 + UDP_FRAME.length))
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    file.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4); // magic, version 2.4
    file.putInt(0).putInt(0).putInt(65535).putInt(1); // thiszone, sigfigs, snaplen, LINKTYPE_ETHERNET
    for (int originalLength : originalLengths) {
      file.putInt(1).putInt(0); // ts_sec 1, ts_usec 0
      file.putInt(UDP_FRAME.length).putInt(originalLength); // incl_len 42, orig_len
      file.put(UDP_FRAME);
    }
    return Files.write(dir.resolve(name), file.array());
  }

  @Test
  void shouldCountOriginalLengthsOf2GiBAndMoreAsUnsigned() throws IOException {
    long wire = 0x80000000L; // orig_len 2^31: a negative int if read as signed
    Path file = pcapOfUdpFrames("huge-original-length.pcap", (int) wire);

    io.netanal.report.Report report = analyze(file, 1, Long.MAX_VALUE / 4).report();

    assertThat(report.summary().bytes()).isEqualTo(wire);
    assertThat(report.summary().capturedBytes()).isEqualTo(42);
    assertThat(report.protocols()).allSatisfy(p -> assertThat(p.bytes()).as(p.name()).isEqualTo(wire));
    assertThat(report.endpoints()).extracting(e -> e.bytesSent() + e.bytesReceived())
        .containsExactly(wire, wire);
    assertThat(report.conversations()).singleElement()
        .satisfies(c -> assertThat(c.bytesAToB()).isEqualTo(wire));
    assertThat(report.bandwidth().samples()).singleElement()
        .satisfies(s -> assertThat(s.bytes()).isEqualTo(wire));
    assertThat(report.sizes().get(9).packets()).as("5120+ bucket").isEqualTo(1);
  }

  @Test
  void shouldKeepReadingRecordsWhoseCapturedLengthExceedsTheOriginalLengthAsTsharkDoes() throws IOException {
    // tshark -r F -T fields -e frame.len -e frame.cap_len on this file prints "30 42" then "42 42": libwiretap
    // accepts incl_len > orig_len (some writers swapped the fields) and only rejects incl_len above its maximum.
    Path file = pcapOfUdpFrames("swapped-lengths.pcap", 30, 42);

    AnalysisResult result = analyze(file, 1, Long.MAX_VALUE / 4);

    assertThat(result.damage()).isEmpty();
    assertThat(result.report().summary().packets()).isEqualTo(2);
    assertThat(result.report().summary().bytes()).isEqualTo(30 + 42);
    assertThat(result.report().summary().capturedBytes()).isEqualTo(42 + 42);
  }

  private static AnalysisResult analyze(Path file, int workers, long minSliceBytes) throws IOException {
    return analyze(file, workers, minSliceBytes, io.netanal.stats.StatisticsCollector.DEFAULT_TABLE_ENTRIES,
        AnalysisOptions.defaults().top());
  }

  private static AnalysisResult analyze(Path file, int workers, long minSliceBytes, int maxTableEntries, int top)
      throws IOException {
    AnalysisOptions options = new AnalysisOptions(top, 0, null, null);
    CaptureFileAnalysis analysis = new CaptureFileAnalysis(options, workers, minSliceBytes, maxTableEntries);
    try {
      analysis.add(file);
    } catch (io.netanal.UnreadableFileException e) {
      return new AnalysisResult(null, List.of(e.getMessage()));
    }
    return analysis.result();
  }
}
