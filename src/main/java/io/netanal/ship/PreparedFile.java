package io.netanal.ship;

import io.netanal.frame.FrameSink;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.spool.SpoolDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A claimed spool file ready to upload: its gzip beside it (made once, reused by every retry), the sha256 of the
 * uncompressed file (the idempotency key), the sensor its name carries, its size, and its packet count (read
 * with the project's reader; -1 when the file is not a capture, which the collector will say too).
 *
 * <p>Immutable once made; made and used by the shipper's thread.
 */
record PreparedFile(Path file, Path gzip, String sha256, String sensor, long bytes, long gzipBytes, long packets) {
  private static final String UNKNOWN_SENSOR = "unknown";

  /** Reads {@code file} once for the digest and the gzip, once more to count its packets. */
  static PreparedFile of(Path file) throws IOException {
    Path gzip = file.resolveSibling(file.getFileName() + ".gz");
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256: not available (expected: in every JDK)", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256);
         OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip), 1 << 16)) {
      in.transferTo(out);
    }
    String sensor = SpoolDirectory.sensorOf(file.getFileName().toString());
    return new PreparedFile(file, gzip, HexFormat.of().formatHex(sha256.digest()),
        sensor == null ? UNKNOWN_SENSOR : sensor, Files.size(file), Files.size(gzip), packets(file));
  }

  private static long packets(Path file) {
    FrameSink none = (linkType, ts, captured, original, buffer, offset) -> { };
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      return reader.read(none);
    } catch (IOException | RuntimeException e) {
      return -1; // not a capture: shipped all the same, and the collector's 400 moves it to failed/
    }
  }

  /** Deletes the gzip; the file itself moves on. */
  void discardGzip() throws IOException {
    Files.deleteIfExists(gzip);
  }
}
