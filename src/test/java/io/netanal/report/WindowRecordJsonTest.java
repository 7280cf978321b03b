package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowRecord;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowRecordJsonTest {
  private static final String[] STRINGS = {"10.0.0.1", "2001:db8::1", "other", "quote \" and \\ backslash",
      "controls \n\r\t\b\f \u0000 \u001f \u007f", "non-ASCII é ∑ 😀", "", "1700000000.000000000"};
  private static final double[] DOUBLES = {0, 0.5, 1.0E-4, 12_000_000.0, 1.23456789E20, 317632.0, -3.25,
      Double.NaN, Double.POSITIVE_INFINITY, 86.69};

  @Test
  void shouldWriteWhatTheReportWriterWritesForAnyRecord() throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 2_000; i++) {
      WindowRecord r = randomRecord(random);
      StringBuilder sb = new StringBuilder();

      WindowRecordJson.append(r, sb);

      assertThat(sb.toString()).isEqualTo(ReportJson.toJson(r, false));
    }
  }

  @Test
  void shouldEscapeQuotesBackslashesAndControlCharactersOnly() {
    StringBuilder sb = new StringBuilder();

    WindowRecordJson.escaped(sb, "a\"b\\c\nd\u0001é");

    assertThat(sb.toString()).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é\"");
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
        values[i] = random.nextInt(4) == 0 ? random.nextLong() : (long) random.nextInt(1000);
      } else if (type == int.class) {
        values[i] = random.nextInt(-1, 65_536);
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
