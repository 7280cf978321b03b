package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowRecord;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowRecordJsonTest {
  private static final String[] STRINGS = {"10.0.0.1", "2001:db8::1", "other", "quote \" and \\ backslash",
      "controls \n\r\t\b\f \u0000 \u001f \u007f", "non-ASCII é ∑ 😀", "", "1700000000.000000000"};
  private static final double[] DOUBLES = {0, 0.5, 1.0E-4, 12_000_000.0, 1.23456789E20, 317632.0, -3.25,
      Double.NaN, Double.POSITIVE_INFINITY, 86.69, -0.0, 0};

  @Test
  void shouldWriteWhatTheReportWriterWritesForAnyRecord() throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 2_000; i++) {
      WindowRecord r = randomRecord(random);
      JsonBytes b = new JsonBytes(16);

      WindowRecordJson.append(r, b);

      assertThat(text(b)).isEqualTo(ReportJson.toJson(r, false));
    }
  }

  @Test
  void shouldEscapeQuotesBackslashesAndControlCharactersOnly() {
    JsonBytes b = new JsonBytes(4);

    b.string("a\"b\\c\nd\u0001é");

    assertThat(text(b)).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é\"");
  }

  @Test
  void shouldWriteThousandthsAsTheShortestDecimalDoubleToStringGives() {
    JsonBytes b = new JsonBytes(32);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 400_000; i++) {
      // Every thousandth near zero, then rates, sizes and milliseconds as the windows round them, up to 2^43.
      long m = i < 200_000 ? i - 100_000 : random.nextLong(1L << 43) >> random.nextInt(44);
      double v = m / 1000.0;
      b.reset();

      b.number(v);

      assertThat(text(b)).as("%d thousandths", m).isEqualTo(ReportJson.plain(v));
    }
  }

  @Test
  void shouldWriteLongsAsLongToStringDoes() {
    long[] values = {0, 9, 10, 99, 100, 999_999_999, 1_000_000_000, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
        9_999_999_999L, 10_000_000_000L, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE,
        -1, -10, Integer.MIN_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE};
    for (long v : values) {
      JsonBytes b = new JsonBytes(1);

      b.number(v);

      assertThat(text(b)).isEqualTo(Long.toString(v));
    }
    JsonBytes b = new JsonBytes(1);
    for (int v = 0; v < 1_000_000; v += v < 20_000 ? 1 : 997) {
      b.reset();

      b.number(v);

      assertThat(text(b)).isEqualTo(Integer.toString(v));
    }
  }

  @Test
  void shouldWriteARepeatedStringAsOftenAsItComesAndANewOneInItsPlace() {
    JsonBytes b = new JsonBytes(1);
    String start = "1700000000.000000000";

    b.sameString(2, start).sameString(2, start).sameString(2, "other").sameString(2, null).sameString(2, null);

    assertThat(text(b)).isEqualTo("\"1700000000.000000000\"\"1700000000.000000000\"\"other\"nullnull");
  }

  @Test
  void shouldWriteARecentStringByIdentityAndStringsOfTheSameHashEachAsItself() {
    JsonBytes b = new JsonBytes(1);
    String aa = "Aa";
    String bb = "BB"; // the same String.hashCode as "Aa": the same slot
    String quoted = "say \"hi\"";

    b.recentString(aa).recentString(bb).recentString(aa).recentString(new String("BB")).recentString(null)
        .recentString(quoted).recentString(quoted);

    assertThat(aa.hashCode()).isEqualTo(bb.hashCode());
    assertThat(text(b)).isEqualTo("\"Aa\"\"BB\"\"Aa\"\"BB\"null\"say \\\"hi\\\"\"\"say \\\"hi\\\"\"");
  }

  @Test
  void shouldWriteOtherDoublesAsTheReportWriterDoes() {
    double[] values = {-0.0, 1e-4, 0.1 + 0.2, 1.0 / 3, 12_345_678.901_234, 8.8e9 + 0.5, 1e16, 1.23456789E20,
        -1e-300, Double.MIN_VALUE, Double.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE};
    for (double v : values) {
      JsonBytes b = new JsonBytes(1);

      b.number(v);

      assertThat(text(b)).as("%s", v).isEqualTo(ReportJson.plain(v));
    }
  }

  @Test
  void shouldWriteTheSameBytesToAStreamAsToAWriter() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    List<WindowRecord> records = List.of(randomRecord(random), randomRecord(random), randomRecord(random));
    StringWriter chars = new StringWriter();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    new WindowRecordWriter(chars, WindowRecordWriter.Format.JSON_LINES)
        .windowClosed(new ClosedWindow("5s", 0, 5_000_000_000L, records, 0, 0));
    WindowRecordWriter stream = new WindowRecordWriter(bytes);
    stream.windowClosed(new ClosedWindow("5s", 0, 5_000_000_000L, records, 0, 0));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(chars.toString());
    assertThat(stream.records()).isEqualTo(3);
  }

  private static String text(JsonBytes b) {
    return new String(b.array(), 0, b.length(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldWriteOneLinePerRecordAndWindow() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    List<WindowRecord> records = List.of(randomRecord(random), randomRecord(random));
    StringWriter out = new StringWriter();
    WindowRecordWriter writer = new WindowRecordWriter(out, WindowRecordWriter.Format.JSON_LINES);

    writer.windowClosed(new ClosedWindow("5s", 0, 5_000_000_000L, records, 0, 0));
    writer.windowClosed(new ClosedWindow("5s", 5_000_000_000L, 10_000_000_000L, List.of(), 0, 0));

    assertThat(out.toString()).isEqualTo(ReportJson.toJson(records.get(0), false) + "\n"
        + ReportJson.toJson(records.get(1), false) + "\n");
    assertThat(writer.records()).isEqualTo(2);
  }

  /** A record with every component drawn at random, nulls and awkward doubles and strings included. */
  private static WindowRecord randomRecord(SplittableRandom random) throws Exception {
    RecordComponent[] components = WindowRecord.class.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      Class<?> type = components[i].getType();
      types[i] = type;
      if (type == long.class) {
        // zeros often: the writer copies a zero member whole
        values[i] = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(3) == 0 ? 0L
            : (long) random.nextInt(1000);
      } else if (type == int.class) {
        values[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(-1, 65_536);
      } else if (type == double.class) {
        values[i] = DOUBLES[random.nextInt(DOUBLES.length)];
      } else if (type == Double.class) {
        values[i] = random.nextBoolean() ? null : DOUBLES[random.nextInt(DOUBLES.length)];
      } else {
        values[i] = random.nextInt(5) == 0 ? null : STRINGS[random.nextInt(STRINGS.length)];
      }
    }
    return WindowRecord.class.getDeclaredConstructor(types).newInstance(values);
  }
}
