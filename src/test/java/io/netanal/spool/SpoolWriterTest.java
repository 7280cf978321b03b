package io.netanal.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.NetanalException;
import io.netanal.frame.LinkType;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.pcap.CaptureFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolWriterTest {
  /** 2026-12-01T12:00:00Z */
  private static final long NOON = Instant.parse("2026-12-01T12:00:00Z").getEpochSecond() * 1_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final int ETHERNET = 1;

  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();

  private SpoolWriter open(long rotateBytes, long maxBytes) throws IOException {
    return SpoolWriter.open(new SpoolConfig(dir, "s1", 5 * SECOND, rotateBytes, maxBytes,
        CaptureFormat.PCAP_MICROS), ETHERNET, 65535, warnings::add);
  }

  /** A frame of {@code length} bytes, its first byte {@code tag}. */
  private static ByteBuffer frame(int length, int tag) {
    ByteBuffer b = ByteBuffer.allocate(length);
    b.put(0, (byte) tag);
    return b;
  }

  private static void write(SpoolWriter w, long ts, int length) {
    w.frame(ETHERNET, ts, length, length, frame(length, 1), 0);
  }

  private List<String> pending() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("pending"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private long frames(String name) throws IOException {
    try (CaptureFileReader r = CaptureFileReader.open(dir.resolve("pending").resolve(name))) {
      return r.read((linkType, ts, captured, original, buffer, offset) -> { });
    }
  }

  @Test
  void shouldWriteOneFilePerClockAlignedPeriodNamedByItsUtcStartAndNoneForAnEmptyPeriod() throws IOException {
    try (SpoolWriter w = open(0, 0)) {
      write(w, NOON + 3 * SECOND + SECOND / 2, 60);  // 12:00:03.5 -> 12:00:00
      write(w, NOON + 4 * SECOND + 999_999_999, 60); // 12:00:04.999999999 -> 12:00:00
      write(w, NOON + 5 * SECOND, 60);               // 12:00:05 -> 12:00:05
      write(w, NOON + 16 * SECOND, 60);              // 12:00:16 -> 12:00:15 (12:00:10 is empty)
    }

    assertThat(pending()).containsExactly(
        "netanal-s1-20261201T120000Z.pcap", "netanal-s1-20261201T120000Z.pcap.ready",
        "netanal-s1-20261201T120005Z.pcap", "netanal-s1-20261201T120005Z.pcap.ready",
        "netanal-s1-20261201T120015Z.pcap", "netanal-s1-20261201T120015Z.pcap.ready");
    assertThat(frames("netanal-s1-20261201T120000Z.pcap")).isEqualTo(2);
    assertThat(frames("netanal-s1-20261201T120005Z.pcap")).isEqualTo(1);
    assertThat(frames("netanal-s1-20261201T120015Z.pcap")).isEqualTo(1);
    assertThat(Files.size(dir.resolve("pending/netanal-s1-20261201T120000Z.pcap.ready"))).isZero();
    assertThat(warnings).isEmpty();
  }

  @Test
  void shouldKeepTheFileBeingWrittenAsTmpWithoutMarkerUntilItsPeriodEnds() throws Exception {
    try (SpoolWriter w = open(0, 0)) {
      write(w, NOON + SECOND, 100);
      w.tick(NOON + 5 * SECOND + SpoolWriter.CLOSE_GRACE_NANOS - 1); // over, but within the grace

      assertThat(pending()).containsExactly("netanal-s1-20261201T120000Z.pcap.tmp");
      // flushed on tick: a killed capture leaves whole records on disk
      assertThat(Files.size(dir.resolve("pending/netanal-s1-20261201T120000Z.pcap.tmp"))).isEqualTo(24 + 16 + 100);

      w.tick(NOON + 5 * SECOND + SpoolWriter.CLOSE_GRACE_NANOS); // the idle period is finished on the wall clock
      w.awaitFinished();
      assertThat(pending()).containsExactly("netanal-s1-20261201T120000Z.pcap",
          "netanal-s1-20261201T120000Z.pcap.ready");
      assertThat(w.statistics().files()).isEqualTo(1);
      assertThat(w.statistics().packets()).isEqualTo(1);
      assertThat(w.statistics().bytes()).isEqualTo(24 + 16 + 100);
    }
  }

  @Test
  void shouldStartASuffixedFileInTheSamePeriodWhenTheSizeLimitWouldBePassed() throws IOException {
    long limit = SpoolConfig.MIN_ROTATE_BYTES; // header + one 65535-byte record
    try (SpoolWriter w = open(limit, 0)) {
      write(w, NOON, 40_000);
      write(w, NOON + 1, 40_000); // would pass the limit: second file of 12:00:00
      write(w, NOON + 2, 40_000); // third
      write(w, NOON + 6 * SECOND, 100);
    }
    assertThat(pending()).filteredOn(n -> n.endsWith(".pcap")).containsExactly(
        "netanal-s1-20261201T120000Z-2.pcap", "netanal-s1-20261201T120000Z-3.pcap",
        "netanal-s1-20261201T120000Z.pcap", "netanal-s1-20261201T120005Z.pcap");
    assertThat(frames("netanal-s1-20261201T120000Z-2.pcap")).isEqualTo(1);
  }

  @Test
  void shouldGiveALateFrameOfAFinishedPeriodItsOwnSuffixedFile() throws IOException {
    try (SpoolWriter w = open(0, 0)) {
      write(w, NOON + SECOND, 60);
      w.tick(NOON + 6 * SECOND);
      write(w, NOON + 2 * SECOND, 60); // queued behind the tick: still 12:00:00
    }
    assertThat(pending()).filteredOn(n -> n.endsWith(".pcap")).containsExactly(
        "netanal-s1-20261201T120000Z-2.pcap", "netanal-s1-20261201T120000Z.pcap");
  }

  @Test
  void shouldNotOverwriteTheFilesOfAnEarlierRunInTheSamePeriod() throws IOException {
    try (SpoolWriter w = open(0, 0)) {
      write(w, NOON + SECOND, 60);
    }
    try (SpoolWriter w = open(0, 0)) {
      write(w, NOON + 2 * SECOND, 60);
    }
    assertThat(pending()).filteredOn(n -> n.endsWith(".pcap")).containsExactly(
        "netanal-s1-20261201T120000Z-2.pcap", "netanal-s1-20261201T120000Z.pcap");
  }

  @Test
  void shouldDeleteTheOldestPendingFilesOverTheBudgetButNeverTheOneBeingWritten() throws Exception {
    // Each file: 24 + 4 * (16 + 1000) = 4088 bytes; the budget holds two.
    try (SpoolWriter w = open(0, 9000)) {
      for (int period = 0; period < 4; period++) {
        for (int i = 0; i < 4; i++) {
          write(w, NOON + period * 5 * SECOND + i, 1000);
        }
        w.awaitFinished(); // the previous period's file is ready before the next one is handed over
      }
      w.tick(NOON + 16 * SECOND); // within 12:00:15's period: a budget check, every earlier file ready
      w.awaitFinished();
      // Four files of 4,088 bytes against 9,000: the two oldest go, the ready 12:00:10 and the one being written stay
      assertThat(pending()).filteredOn(n -> n.endsWith(".pcap") || n.endsWith(".tmp")).containsExactly(
          "netanal-s1-20261201T120010Z.pcap", "netanal-s1-20261201T120015Z.pcap.tmp");
      assertThat(w.statistics().deletedFiles()).isEqualTo(2);
      assertThat(w.statistics().deletedPackets()).isEqualTo(8);
      assertThat(w.statistics().deletedBytes()).isEqualTo(2 * 4088);
    }
    assertThat(pending()).doesNotContain("netanal-s1-20261201T120000Z.pcap.ready");
    assertThat(warnings).containsExactly("spool: over --spool-max (9000 bytes): deleted the oldest pending file"
        + " netanal-s1-20261201T120000Z.pcap (4088 bytes, 4 packets), never shipped",
        "spool: over --spool-max (9000 bytes): deleted the oldest pending file"
        + " netanal-s1-20261201T120005Z.pcap (4088 bytes, 4 packets), never shipped");
  }

  @Test
  void shouldRecoverALeftoverTmpCutInTheMiddleOfARecordToItsWholeRecords() throws IOException {
    Files.createDirectories(dir.resolve("pending"));
    ByteBuffer b = ByteBuffer.allocate(24 + 16 + 4 + 10).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2c3d4);         // magic, microseconds
    b.putShort((short) 2);        // version major
    b.putShort((short) 4);        // version minor
    b.putInt(0).putInt(0);        // thiszone, sigfigs
    b.putInt(65535);              // snaplen
    b.putInt(ETHERNET);           // link type
    b.putInt(1_800_000_000);      // record 1: ts_sec
    b.putInt(5);                  // ts_usec
    b.putInt(4).putInt(4);        // incl_len, orig_len
    b.putInt(0xdeadbeef);         // 4 bytes of frame
    b.putInt(1_800_000_001);      // record 2: ts_sec, then cut: 6 bytes of its header
    b.putShort((short) 0);
    Path tmp = dir.resolve("pending/netanal-s1-20261201T115955Z.pcap.tmp");
    Files.write(tmp, b.array());

    try (SpoolWriter w = open(0, 0)) {
      assertThat(w.statistics().recoveredFiles()).isEqualTo(1);
    }

    assertThat(pending()).containsExactly("netanal-s1-20261201T115955Z.pcap",
        "netanal-s1-20261201T115955Z.pcap.ready");
    assertThat(Files.size(dir.resolve("pending/netanal-s1-20261201T115955Z.pcap"))).isEqualTo(24 + 16 + 4);
    assertThat(frames("netanal-s1-20261201T115955Z.pcap")).isEqualTo(1);
    assertThat(warnings).containsExactly("spool: recovered netanal-s1-20261201T115955Z.pcap.tmp from an interrupted"
        + " capture: 1 whole records kept as netanal-s1-20261201T115955Z.pcap (10 bytes of a cut record dropped)");
  }

  @Test
  void shouldDeleteALeftoverTmpWithoutAWholeRecordAndLeaveOtherSensorsFilesAlone() throws IOException {
    Files.createDirectories(dir.resolve("pending"));
    Files.write(dir.resolve("pending/netanal-s1-20261201T115955Z.pcap.tmp"), new byte[] {(byte) 0xd4, (byte) 0xc3});
    Files.write(dir.resolve("pending/netanal-s1-20261201T115950Z.pcap.tmp"), "not a capture at all, no".getBytes());
    Files.write(dir.resolve("pending/netanal-s1-b-20261201T115955Z.pcap.tmp"), new byte[3]); // sensor s1-b's

    try (SpoolWriter w = open(0, 0)) {
      assertThat(w.statistics().discardedFiles()).isEqualTo(2);
    }

    assertThat(pending()).containsExactly("netanal-s1-b-20261201T115955Z.pcap.tmp");
    assertThat(warnings).containsExactlyInAnyOrder(
        "spool: deleted netanal-s1-20261201T115955Z.pcap.tmp from an interrupted capture (2 bytes, no whole record)",
        "spool: deleted netanal-s1-20261201T115950Z.pcap.tmp from an interrupted capture (24 bytes, no whole record)");
  }

  @Test
  void shouldMarkAFileThatWasRenamedButNotYetMarkedWhenTheCaptureDied() throws IOException {
    try (SpoolWriter w = open(0, 0)) {
      write(w, NOON, 60);
    }
    Files.delete(dir.resolve("pending/netanal-s1-20261201T120000Z.pcap.ready")); // killed between rename and marker

    try (SpoolWriter w = open(0, 0)) {
      assertThat(pending()).containsExactly("netanal-s1-20261201T120000Z.pcap",
          "netanal-s1-20261201T120000Z.pcap.ready");
    }
    assertThat(warnings).containsExactly("spool: netanal-s1-20261201T120000Z.pcap was complete but not marked ready:"
        + " marked");
  }

  @Test
  void shouldRefuseASecondWriterForTheSameSensor() throws IOException {
    try (SpoolWriter first = open(0, 0)) {
      assertThatThrownBy(() -> open(0, 0)).isInstanceOf(NetanalException.class)
          .hasMessage("spool: " + dir + ": sensor s1 is already capturing into it (.capture-s1.lock is locked)");
    }
  }

  @Test
  void shouldRejectAnInvalidSensorName() {
    assertThatThrownBy(() -> new SpoolConfig(dir, "a/b", 5 * SECOND, 0, 0, CaptureFormat.PCAP_MICROS))
        .hasMessage("--sensor: a/b (expected: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit)");
  }

  @Test
  void shouldNameTheSensorOfASpoolFileEvenWithDashesInIt() {
    assertThat(SpoolDirectory.sensorOf("netanal-edge-1-20261201T120005Z.pcap")).isEqualTo("edge-1");
    assertThat(SpoolDirectory.sensorOf("netanal-edge-1-20261201T120005Z-3.pcap")).isEqualTo("edge-1");
    assertThat(SpoolDirectory.sensorOf("other.pcap")).isNull();
    assertThat(LinkType.name(ETHERNET)).isEqualTo("EN10MB");
  }
}
