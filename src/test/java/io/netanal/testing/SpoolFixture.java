package io.netanal.testing;

import io.netanal.pcap.CaptureFormat;
import io.netanal.spool.SpoolConfig;
import io.netanal.spool.SpoolWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Fills a spool the way {@code capture --spool} does, through a {@link SpoolWriter}: {@code files} files of
 * 5 s periods from 2026-12-01T12:00:00Z, {@code framesPerFile} UDP-over-IPv4 Ethernet frames each (the frame
 * number in the payload, so every file's content, and its idempotency key, differs).
 */
public final class SpoolFixture {
  public static final long START_NANOS = Instant.parse("2026-12-01T12:00:00Z").getEpochSecond() * 1_000_000_000L;
  private static final long PERIOD = 5_000_000_000L;

  private SpoolFixture() {}

  /** Writes the files for sensor {@code sensor}; returns the packets written. */
  public static long write(Path spool, String sensor, int files, int framesPerFile) throws IOException {
    return write(spool, sensor, files, framesPerFile, 0);
  }

  /** As {@link #write(Path, String, int, int)}, starting {@code firstPeriod} periods after the start. */
  public static long write(Path spool, String sensor, int files, int framesPerFile, int firstPeriod)
      throws IOException {
    SpoolConfig config = new SpoolConfig(spool, sensor, PERIOD, 0, 0, CaptureFormat.PCAP_MICROS);
    SpoolWriter writer = SpoolWriter.open(config, 1, 65535, warning -> { });
    try (writer) {
      ByteBuffer frame = udpFrame();
      int n = 0;
      for (int f = firstPeriod; f < firstPeriod + files; f++) {
        for (int i = 0; i < framesPerFile; i++) {
          frame.putInt(42, n++);
          writer.frame(1, START_NANOS + f * PERIOD + i * 1000L, frame.capacity(), frame.capacity(), frame, 0);
        }
      }
    }
    return writer.statistics().packets(); // after close, which finishes the last file
  }

  /** Ethernet, IPv4 127.0.0.1 -> 127.0.0.1, UDP 40000 -> 9999, 64 bytes of payload. */
  private static ByteBuffer udpFrame() {
    ByteBuffer b = ByteBuffer.allocate(14 + 20 + 8 + 64);
    b.position(12).putShort((short) 0x0800);             // Ethernet: zero MACs, EtherType IPv4
    b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + 64)); // version/IHL, TOS, total length
    b.putInt(0);                                          // id, flags/fragment
    b.put((byte) 64).put((byte) 17).putShort((short) 0);  // TTL, UDP, checksum
    b.putInt(0x7f000001).putInt(0x7f000001);              // source, destination
    b.putShort((short) 40000).putShort((short) 9999);     // UDP ports
    b.putShort((short) (8 + 64)).putShort((short) 0);     // length, checksum
    return b;
  }
}
