package io.netanal.ship;

import io.netanal.frame.FrameSink;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.spool.SpoolDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * A claimed spool file ready to upload: the sha256 of the file (the idempotency key) and its CRC-32 (for the
 * gzip trailer) from one pass over it, the sensor its name carries, its size, and its packet count (read with
 * the project's reader; -1 when the file is not a capture, which the collector will say too). Each upload
 * attempt reads it again through a {@link GzipEncodingStream}: nothing is written beside it.
 *
 * <p>Made and used by the shipper's thread; {@link #gzip} streams are read by the HTTP client's.
 */
final class PreparedFile {
  private static final String UNKNOWN_SENSOR = "unknown";

  private final Path file;
  private final String sha256;
  private final long crc32;
  private final String sensor;
  private final long bytes;
  private final long packets;
  private volatile GzipEncodingStream lastGzip;

  private PreparedFile(Path file, String sha256, long crc32, String sensor, long bytes, long packets) {
    this.file = file;
    this.sha256 = sha256;
    this.crc32 = crc32;
    this.sensor = sensor;
    this.bytes = bytes;
    this.packets = packets;
  }

  /** Reads {@code file} once for the digest and the CRC, once more to count its packets. */
  static PreparedFile of(Path file) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256: not available (expected: in every JDK)", e);
    }
    CRC32 crc = new CRC32();
    long size = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha256.update(buffer, 0, n);
        crc.update(buffer, 0, n);
        size += n;
      }
    }
    String sensor = SpoolDirectory.sensorOf(file.getFileName().toString());
    return new PreparedFile(file, HexFormat.of().formatHex(sha256.digest()), crc.getValue(),
        sensor == null ? UNKNOWN_SENSOR : sensor, size, packets(file));
  }

  private static long packets(Path file) {
    FrameSink none = (linkType, ts, captured, original, buffer, offset) -> { };
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      return reader.read(none);
    } catch (IOException | RuntimeException e) {
      return -1; // not a capture: shipped all the same, and the collector's 400 moves it to failed/
    }
  }

  /** A new stream of the file's gzip encoding, for one upload attempt. */
  InputStream gzip() {
    try {
      GzipEncodingStream s = GzipEncodingStream.of(Files.newInputStream(file), crc32, bytes);
      lastGzip = s;
      return s;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // the HTTP client fails the exchange with it
    }
  }

  Path file() {
    return file;
  }

  String sha256() {
    return sha256;
  }

  String sensor() {
    return sensor;
  }

  long bytes() {
    return bytes;
  }

  long packets() {
    return packets;
  }

  /** Gzip bytes the last attempt sent. */
  long gzipBytes() {
    GzipEncodingStream s = lastGzip;
    return s == null ? 0 : s.produced();
  }
}
