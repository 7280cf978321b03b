package io.netanal.ship;

import io.netanal.pcap.CaptureFormat;
import io.netanal.spool.SpoolConfig;
import io.netanal.spool.SpoolWriter;
import io.netanal.testing.IngestTestServer;
import io.netanal.testing.IngestTestServer.Ledger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * Measures {@code ship} against the in-test collector on loopback (not a test: run by hand): spools FILES files
 * of FRAMES frames (600 bytes, half of each payload random so gzip has real work), ships them once, prints files/s
 * and MB/s (uncompressed) and what the collector counted.
 */
public final class ShipBenchmark {
  private ShipBenchmark() {}

  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int frames = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    Path spool = Files.createTempDirectory("netanal-ship-bench");
    Random random = new Random(1);
    long written;
    SpoolWriter writer = SpoolWriter.open(new SpoolConfig(spool, "bench", 5_000_000_000L, 0, 0,
        CaptureFormat.PCAP_MICROS), 1, 65535, w -> { });
    try (writer) {
      ByteBuffer frame = ByteBuffer.allocate(600);
      frame.putShort(12, (short) 0x0800);
      long ts = 1_800_000_000_000_000_000L;
      for (int f = 0; f < files; f++) {
        for (int i = 0; i < frames; i++) {
          for (int b = 296; b + 8 <= 600; b += 8) {
            frame.putLong(b, random.nextLong());
          }
          writer.frame(1, ts + f * 5_000_000_000L + i * 1000L, 600, 600, frame, 0);
        }
      }
    }
    written = writer.statistics().packets();
    Ledger ledger = new Ledger();
    try (IngestTestServer server = IngestTestServer.start(ledger)) {
      ShipSummary s = new Shipper(new ShipConfig(spool, URI.create(server.url()), null, Duration.ofDays(1), true,
          ShipConfig.DEFAULT_BACKOFF, ShipConfig.DEFAULT_BACKOFF_CAP, ShipConfig.DEFAULT_FAILED_RETRY,
          ShipConfig.DEFAULT_REQUEST_TIMEOUT, ShipConfig.DEFAULT_POLL, 3), line -> { }).run();
      System.out.println("ship: " + s.line());
      System.out.println("collector: " + ledger.files() + " files, " + ledger.packets() + " packets (spooled "
          + written + ")");
    }
  }
}
