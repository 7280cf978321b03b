package io.netanal.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Copies an upload's body to a temporary file under the data directory, gunzipping it when asked, never holding
 * more than one buffer of it in memory, and refusing it once it passes the size limit (counted after gunzip,
 * so a small gzip bomb is refused too). Computes the body's sha256 on the way: the idempotency key when the
 * sensor sent none (DESIGN.md section 7 uses the same hash).
 *
 * <p>Stateless apart from the directory; any thread.
 */
final class UploadSpool {
  private static final int BUFFER = 64 << 10;

  private final Path dir;
  private final long maxBytes;

  UploadSpool(Path dir, long maxBytes) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.maxBytes = maxBytes;
    // Leftovers of a collector that was killed mid-upload: never stored, safe to drop.
    try (var old = Files.newDirectoryStream(dir, "upload-*.part")) {
      for (Path p : old) {
        Files.deleteIfExists(p);
      }
    }
  }

  long maxBytes() {
    return maxBytes;
  }

  /** A spooled body: the file (the caller deletes it), its size and sha256 in hex. */
  record Spooled(Path file, long size, String sha256) {}

  Spooled spool(Upload upload) throws IOException {
    if (upload.contentLength() > maxBytes) {
      throw tooLarge(upload.contentLength());
    }
    Path file = Files.createTempFile(dir, "upload-", ".part");
    try {
      MessageDigest sha = sha256();
      long size = 0;
      try (InputStream in = upload.gzip() ? gunzip(upload.body()) : upload.body();
          OutputStream out = Files.newOutputStream(file)) {
        byte[] buf = new byte[BUFFER];
        for (int n; (n = read(in, buf, upload.gzip())) > 0; ) {
          size += n;
          if (size > maxBytes) {
            throw tooLarge(size);
          }
          sha.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      return new Spooled(file, size, HexFormat.of().formatHex(sha.digest()));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  private static InputStream gunzip(InputStream body) {
    try {
      return new GZIPInputStream(body, BUFFER);
    } catch (IOException e) {
      throw ApiException.badRequest("body: not valid gzip (" + e.getMessage() + ") though Content-Encoding "
          + "says gzip; nothing stored");
    }
  }

  /** Reads from the (possibly gunzipping) stream; a gzip error is the client's fault, a 400. */
  private static int read(InputStream in, byte[] buf, boolean gzip) throws IOException {
    try {
      return in.read(buf);
    } catch (IOException e) {
      if (gzip && (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException)) {
        throw ApiException.badRequest("body: not valid gzip (" + e.getMessage() + "); nothing stored");
      }
      throw e;
    }
  }

  private ApiException tooLarge(long size) {
    return ApiException.tooLarge("body: " + size + " bytes or more (expected: at most " + maxBytes
        + " bytes, see --max-body); nothing stored");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
