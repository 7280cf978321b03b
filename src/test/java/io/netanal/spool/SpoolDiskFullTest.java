package io.netanal.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.pcap.CaptureFileReader;
import io.netanal.pcap.CaptureFormat;
import io.netanal.ship.ShipConfig;
import io.netanal.ship.ShipSummary;
import io.netanal.ship.Shipper;
import io.netanal.testing.IngestTestServer;
import io.netanal.testing.IngestTestServer.Ledger;
import io.netanal.testing.TmpfsMount;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A spool on a 256 KB tmpfs that fills up: the writer stops cleanly, and what it finished ships whole. */
@Timeout(60)
class SpoolDiskFullTest {
  private static final long SECOND = 1_000_000_000L;

  @TempDir Path dir;

  @Test
  void shouldStopAtAFullDiskWithTheFinishedFilesIntactAndShippable() throws Exception {
    try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("disk"), 256)) {
      Path spool = disk.dir().resolve("spool");
      List<String> warnings = new ArrayList<>();
      SpoolWriter writer = SpoolWriter.open(new SpoolConfig(spool, "full", 5 * SECOND, 0, 0,
          CaptureFormat.PCAP_MICROS), 1, 65535, warnings::add);
      ByteBuffer frame = ByteBuffer.allocate(1000);
      long offered = 0;
      long ts = 1_800_000_000L * SECOND;
      try (writer) {
        while (writer.failure() == null && offered < 10_000) {
          frame.putLong(0, offered);
          writer.frame(1, ts, 1000, 1000, frame, 0);
          offered++;
          writer.tick(ts); // flushes every frame: the write that fails is found at once
          ts += SECOND / 10; // 50 frames (about 51 KB) per 5 s file
        }
        for (int i = 0; i < 5; i++) { // frames after the failure are counted, not written
          writer.frame(1, ts, 1000, 1000, frame, 0);
          offered++;
        }
      }

      assertThat(writer.failure()).isNotNull();
      assertThat(writer.failure().getMessage()).matches("spool: " + spool + ": writing netanal-full-\\d{8}T\\d{6}Z\\.pcap"
          + " failed \\(No space left on device\\); spooling stopped, \\d+ finished files are intact");
      SpoolStatistics stats = writer.statistics();
      assertThat(stats.files()).isGreaterThanOrEqualTo(3);
      assertThat(stats.droppedByDiskFull()).isGreaterThanOrEqualTo(5);
      assertThat(stats.packets() + stats.droppedByDiskFull()).as("every frame is written or counted").isEqualTo(offered);

      List<Path> files;
      try (Stream<Path> s = Files.list(spool.resolve("pending"))) {
        files = s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
      }
      long readable = 0;
      for (Path f : files) {
        assertThat(SpoolDirectory.markerOf(f)).exists();
        try (CaptureFileReader r = CaptureFileReader.open(f)) {
          readable += r.read((linkType, t, captured, original, buffer, offset) -> { });
          assertThat(r.damage()).as("%s is whole", f).isNull();
        }
      }
      assertThat(readable).isEqualTo(stats.packets());
      try (Stream<Path> s = Files.list(spool.resolve("pending"))) {
        assertThat(s.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
      }

      Ledger ledger = new Ledger();
      try (IngestTestServer server = IngestTestServer.start(ledger)) {
        ShipSummary summary = new Shipper(new ShipConfig(spool, URI.create(server.url()), null, Duration.ofDays(1),
            true, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMinutes(5), Duration.ofSeconds(5),
            Duration.ofMillis(50), 5), line -> { }).run();
        assertThat(summary.complete()).isTrue();
      }
      assertThat(ledger.packets()).as("nothing lost, nothing counted twice").isEqualTo(stats.packets());
    }
  }

  @Test
  void shouldKeepTheWholeRecordsWhenTheDiskFillsWhileAFrameIsWritten() throws Exception {
    try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("disk"), 256)) {
      Path spool = disk.dir().resolve("spool");
      SpoolWriter writer = SpoolWriter.open(new SpoolConfig(spool, "full", 5 * SECOND, 0, 0,
          CaptureFormat.PCAP_MICROS), 1, 65535, warning -> { });
      ByteBuffer frame = ByteBuffer.allocate(1000);
      long offered = 0;
      long ts = 1_800_000_000L * SECOND;
      try (writer) {
        // No tick: the writer's 1 MiB buffer fills in one period and its first write meets the full disk.
        while (writer.failure() == null && offered < 5_000) {
          frame.putLong(0, offered);
          writer.frame(1, ts + offered, 1000, 1000, frame, 0);
          offered++;
        }
      }

      assertThat(writer.failure()).isNotNull();
      SpoolStatistics stats = writer.statistics();
      assertThat(stats.packets()).as("the whole records that reached the disk").isPositive();
      assertThat(stats.packets() + stats.droppedByDiskFull()).isEqualTo(offered);
      Path file = spool.resolve("pending/" + SpoolDirectory.fileName("full", ts, 1));
      assertThat(SpoolDirectory.markerOf(file)).exists();
      try (CaptureFileReader r = CaptureFileReader.open(file)) {
        assertThat(r.read((linkType, t, captured, original, buffer, offset) -> { })).isEqualTo(stats.packets());
        assertThat(r.damage()).isNull();
      }
    }
  }
}
