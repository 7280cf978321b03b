package io.netanal.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The process's standard output, made as picocli makes its own (a {@code PrintWriter} over {@code System.out} in
 * picocli's charset for it), that also hands out the byte stream beneath: a command that makes a lot of JSON as
 * UTF-8 bytes ({@code windows --json}) writes them as they are instead of through a {@code Writer} that encodes
 * every char again. Set by {@link Netanal#main} only; tests that capture the output set their own writer.
 *
 * <p>{@link #checkError()} also reports an error of the byte stream (a reader that went away), which
 * {@code System.out} would otherwise hide.
 */
final class StandardOutput extends PrintWriter {
  private final PrintStream stream;

  StandardOutput(PrintStream stream, Charset charset) {
    super(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    this.stream = stream;
  }

  static StandardOutput create() {
    return new StandardOutput(System.out, charset(System.getProperty("sun.stdout.encoding")));
  }

  /** The charset picocli gives standard output: {@code sun.stdout.encoding} (cp65001 is UTF-8), else the default. */
  private static Charset charset(String name) {
    if (name == null) {
      return Charset.defaultCharset();
    }
    try {
      return Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
    } catch (RuntimeException e) {
      return Charset.defaultCharset();
    }
  }

  /** The bytes beneath, after flushing what was written as chars. */
  PrintStream bytes() {
    flush();
    return stream;
  }

  @Override
  public boolean checkError() {
    return super.checkError() || stream.checkError();
  }
}
