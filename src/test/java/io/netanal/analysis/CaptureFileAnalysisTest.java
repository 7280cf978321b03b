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

  private static AnalysisResult analyze(Path file, int workers, long minSliceBytes) throws IOException {
    CaptureFileAnalysis analysis = new CaptureFileAnalysis(AnalysisOptions.defaults(), workers, minSliceBytes);
    try {
      analysis.add(file);
    } catch (io.netanal.UnreadableFileException e) {
      return new AnalysisResult(null, List.of(e.getMessage()));
    }
    return analysis.result();
  }
}
