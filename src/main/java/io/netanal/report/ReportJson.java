package io.netanal.report;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netanal.UnreadableFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The JSON form of a {@code netanal.report/1} report: writing (pretty or compact, or one object per line for JSON
 * Lines, through {@link ReportJsonWriter}) and reading saved reports back (through a Jackson mapper).
 *
 * <p>Stateless and thread-safe: any thread may call it. {@code analyze --json}, {@code export --json} and the saved
 * last report all go through here, so every one of them spells the report the same way: fields in the order the
 * records declare them, {@code capture} left out for file reports, doubles as plain decimals ({@code 12000000.0},
 * never {@code 1.2E7}), since scripts reading the report should not need to handle exponents.
 */
public final class ReportJson {
  /** For reading saved reports only; {@link ReportJsonWriter} writes without a mapper. */
  private static final class Mapper {
    static final ObjectMapper MAPPER = JsonMapper.builder()
      // A later netanal.report/1 may add fields; an older netanal still reads what it knows.
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  }

  private ReportJson() {}

  /** Writes {@code value} (a report or any part of it) as one JSON document followed by a newline. */
  public static void write(Object value, Writer out, boolean pretty) throws IOException {
    ReportJsonWriter.write(value, out, pretty);
    out.write('\n');
    out.flush();
  }

  /** Writes {@code value} as UTF-8 JSON followed by a newline. */
  public static void write(Object value, OutputStream out, boolean pretty) throws IOException {
    if (!pretty) {
      ReportJsonWriter.writeCompact(value, out, '\n'); // the bytes as made, without a Writer to encode them again
      out.flush();
      return;
    }
    Writer writer = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
    write(value, writer, pretty);
  }

  /** Writes {@code value} as one compact line of JSON Lines. */
  public static void writeLine(Object value, Writer out) throws IOException {
    write(value, out, false);
  }

  /** {@code value} as a JSON string, compact or pretty, without a trailing newline. */
  public static String toJson(Object value, boolean pretty) {
    java.io.StringWriter out = new java.io.StringWriter();
    try {
      ReportJsonWriter.write(value, out, pretty);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /**
   * Reads a saved report. Throws {@link UnreadableFileException} when the file is missing, is not JSON, or is
   * JSON without {@code "schema": "netanal.report/1"}.
   */
  public static Report read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new UnreadableFileException(file + ": no such file", e);
    }
  }

  /** Reads a report from a stream; {@code name} is used in messages. */
  public static Report read(InputStream in, String name) throws IOException {
    JsonNode tree;
    try {
      tree = Mapper.MAPPER.readTree(in);
    } catch (JsonParseException e) {
      throw new UnreadableFileException(name + ": not a netanal report (not JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
    }
    JsonNode schema = tree == null ? null : tree.get("schema");
    String actual = schema == null || schema.isNull() ? "null" : schema.asText();
    if (!Report.SCHEMA.equals(actual)) {
      throw new UnreadableFileException(
          name + ": not a netanal report (schema: " + actual + ", expected: " + Report.SCHEMA + ")");
    }
    try {
      return Mapper.MAPPER.treeToValue(tree, Report.class);
    } catch (JsonProcessingException e) {
      throw new UnreadableFileException(name + ": damaged netanal report (" + e.getOriginalMessage() + ")", e);
    }
  }

  /**
   * True when {@code file} starts (after white space) with <code>{</code>, as a saved report does and no capture
   * format can: how a SOURCE argument is told apart from a capture file, by content rather than by name.
   */
  public static boolean isJson(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      for (int i = 0; i < 4096; i++) {
        int b = in.read();
        if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
          return b == '{';
        }
      }
      return false;
    } catch (NoSuchFileException e) {
      throw new UnreadableFileException(file + ": no such file", e);
    }
  }

  /** {@code d} in plain decimal notation, as short as round-trips ({@code 12000000.0}, {@code 0.0001}). */
  static String plain(double d) {
    String s = Double.toString(d);
    if (s.indexOf('E') < 0) {
      return s;
    }
    String p = new BigDecimal(s).stripTrailingZeros().toPlainString();
    return p.indexOf('.') < 0 ? p + ".0" : p;
  }
}
