package io.netanal.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.netanal.detect.Alert;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a report (or any part of it) as JSON, walking the records' components in declaration order: compact JSON
 * as UTF-8 bytes made here ({@link JsonBytes}), pretty JSON through Jackson's streaming generator.
 *
 * <p>The output is what a configured Jackson mapper would write (field order, {@code NON_NULL} records, plain
 * doubles), without a mapper: building an {@code ObjectMapper} and introspecting the records costs about 0.1 s at
 * startup, a sixth of the whole analysis budget of a 5-million-packet file. The compact form, which every
 * {@code analyze} writes (its {@code --json} line, and the saved last report), does without Jackson's generator
 * too, whose set-up was about 7 ms of a small command's 0.2 s. Stateless; any thread.
 */
final class ReportJsonWriter {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  /**
   * The records that leave out null components, as their {@code @JsonInclude(NON_NULL)} says (a test checks the
   * two agree): read from the annotation, each process paid for generating the annotation's proxy class (about
   * 5 ms) before its first report.
   */
  static final Set<Class<?>> SKIP_NULLS = Set.of(Report.class, CaptureCounters.class, Alert.class);

  private ReportJsonWriter() {}

  static void write(Object value, Writer out, boolean pretty) throws IOException {
    if (!pretty) {
      JsonBytes json = compact(value);
      out.write(new String(json.array(), 0, json.length(), StandardCharsets.UTF_8));
      return;
    }
    generated(value, out, true);
  }

  /** Through Jackson's generator: the pretty form, and for the tests the compact form the bytes must equal. */
  static void generated(Object value, Writer out, boolean pretty) throws IOException {
    try (JsonGenerator gen = FACTORY.createGenerator(out)) {
      if (pretty) {
        gen.useDefaultPrettyPrinter();
      }
      value(gen, value);
    }
  }

  /** {@code value} as compact JSON, in UTF-8, followed by {@code end} (a newline, say). */
  static void writeCompact(Object value, OutputStream out, char end) throws IOException {
    JsonBytes json = compact(value).raw(end);
    out.write(json.array(), 0, json.length());
  }

  private static JsonBytes compact(Object value) {
    JsonBytes json = new JsonBytes(8192);
    value(json, value);
    return json;
  }

  private static void value(JsonBytes json, Object value) {
    if (value == null) {
      json.string(null);
    } else if (value instanceof String s) {
      json.string(s);
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        json.string(null);
      } else {
        json.ascii(ReportJson.plain(d));
      }
    } else if (value instanceof Long || value instanceof Integer) {
      json.number(((Number) value).longValue());
    } else if (value instanceof Boolean b) {
      json.ascii(b ? "true" : "false");
    } else if (value instanceof List<?> list) {
      json.raw('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          json.raw(',');
        }
        value(json, list.get(i));
      }
      json.raw(']');
    } else if (value instanceof Map<?, ?> map) {
      json.raw('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          json.raw(',');
        }
        first = false;
        json.string(String.valueOf(e.getKey())).raw(':');
        value(json, e.getValue());
      }
      json.raw('}');
    } else if (value.getClass().isRecord()) {
      record(json, value);
    } else {
      throw new IllegalArgumentException("not part of a report: " + value.getClass().getName());
    }
  }

  private static void record(JsonBytes json, Object value) {
    Shape shape = SHAPES.get(value.getClass());
    json.raw('{');
    boolean first = true;
    for (int i = 0; i < shape.names.length; i++) {
      Object v = shape.read(i, value);
      if (v == null && shape.skipNulls) {
        continue;
      }
      json.raw(first ? shape.firstMembers[i] : shape.members[i]);
      first = false;
      value(json, v);
    }
    json.raw('}');
  }

  private static void value(JsonGenerator gen, Object value) throws IOException {
    if (value == null) {
      gen.writeNull();
    } else if (value instanceof String s) {
      gen.writeString(s);
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        gen.writeNull();
      } else {
        gen.writeNumber(ReportJson.plain(d));
      }
    } else if (value instanceof Long || value instanceof Integer) {
      gen.writeNumber(((Number) value).longValue());
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof List<?> list) {
      gen.writeStartArray();
      for (Object item : list) {
        value(gen, item);
      }
      gen.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      gen.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        gen.writeFieldName(String.valueOf(e.getKey()));
        value(gen, e.getValue());
      }
      gen.writeEndObject();
    } else if (value.getClass().isRecord()) {
      record(gen, value);
    } else {
      throw new IllegalArgumentException("not part of a report: " + value.getClass().getName());
    }
  }

  private static void record(JsonGenerator gen, Object value) throws IOException {
    Shape shape = SHAPES.get(value.getClass());
    gen.writeStartObject();
    for (int i = 0; i < shape.names.length; i++) {
      Object v = shape.read(i, value);
      if (v == null && shape.skipNulls) {
        continue;
      }
      gen.writeFieldName(shape.names[i]);
      value(gen, v);
    }
    gen.writeEndObject();
  }

  /**
   * A record class's components, looked up once per class: {@link Class#getRecordComponents} builds new
   * accessor methods at each call, which then never get past reflection's slow first calls (a window record
   * stream of 100 k records a second spent most of its time there). With each name as compact JSON's member
   * bytes, first in its object and after another.
   */
  private record Shape(String[] names, Method[] accessors, boolean skipNulls, byte[][] firstMembers,
      byte[][] members) {
    Object read(int i, Object value) {
      try {
        return accessors[i].invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("report field " + names[i] + " not readable", e);
      }
    }
  }

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      int n = components.length;
      String[] names = new String[n];
      Method[] accessors = new Method[n];
      byte[][] firstMembers = new byte[n][];
      byte[][] members = new byte[n][];
      for (int i = 0; i < n; i++) {
        names[i] = components[i].getName();
        accessors[i] = components[i].getAccessor();
        firstMembers[i] = JsonBytes.member(names[i], true);
        members[i] = JsonBytes.member(names[i], false);
      }
      return new Shape(names, accessors, SKIP_NULLS.contains(type), firstMembers, members);
    }
  };
}
