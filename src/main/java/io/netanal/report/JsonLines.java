package io.netanal.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * JSON Lines made as UTF-8 bytes ({@link JsonBytes}) and handed on in chunks: to an {@link OutputStream} (standard
 * output) as they are, to a {@link Writer} (a test's, or a file's) decoded for it. A chunk is small enough to stay
 * in the CPU cache between being made and being written, large enough that the output's per-call cost does not
 * count.
 *
 * <p>Owned by one thread (the writer's).
 */
final class JsonLines {
  private final Writer out;
  private final OutputStream bytesOut;
  private final int chunk;
  /** Lines not yet handed on, reused. */
  private final JsonBytes lines;

  JsonLines(Writer out, int chunk) {
    this(out, null, chunk);
  }

  JsonLines(OutputStream out, int chunk) {
    this(null, out, chunk);
  }

  private JsonLines(Writer out, OutputStream bytesOut, int chunk) {
    this.out = out;
    this.bytesOut = bytesOut;
    this.chunk = chunk;
    this.lines = new JsonBytes(chunk + 4096);
  }

  /** Where the next line's JSON is appended; {@link #endLine()} ends it. */
  JsonBytes line() {
    return lines;
  }

  void endLine() throws IOException {
    lines.raw('\n');
    if (lines.length() >= chunk) {
      handOn();
    }
  }

  /** Hands on every line made so far and flushes the output. */
  void flush() throws IOException {
    handOn();
    if (bytesOut != null) {
      bytesOut.flush();
    } else {
      out.flush();
    }
  }

  private void handOn() throws IOException {
    if (lines.length() == 0) {
      return;
    }
    if (bytesOut != null) {
      bytesOut.write(lines.array(), 0, lines.length());
    } else {
      out.write(new String(lines.array(), 0, lines.length(), StandardCharsets.UTF_8));
    }
    lines.reset();
  }
}
