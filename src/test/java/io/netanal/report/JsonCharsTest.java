package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class JsonCharsTest {
  @Test
  void shouldWriteNumbersAsLongToStringDoes() {
    for (long value : new long[] {0, 7, 9, 10, 99, 100, 65535, -1, -10, 999_999_999_999_999_999L,
        1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
      JsonChars text = new JsonChars(1);

      text.number(value);

      assertThat(text.toString()).isEqualTo(Long.toString(value));
    }
  }

  @Test
  void shouldPadDigitsToTheirWidth() {
    JsonChars text = new JsonChars(1);

    text.digits(1_234, 9).append('|').digits(0, 3);

    assertThat(text.toString()).isEqualTo("000001234|000");
  }

  @Test
  void shouldEscapeQuotesBackslashesAndControlCharactersOnly() {
    JsonChars text = new JsonChars(1);

    text.string("a\"b\\c\nd\u0001é\u007f😀").append(',').string(null).append(',').string("");

    assertThat(text.toString()).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é\u007f😀\",null,\"\"");
  }

  @Test
  void shouldHandItsTextToTheWriterAndStartAgain() throws Exception {
    JsonChars text = new JsonChars(2);
    StringWriter out = new StringWriter();

    text.raw("{\"a\":").number(1).append('}');
    text.writeTo(out);
    text.raw("[]");

    assertThat(out.toString()).isEqualTo("{\"a\":1}");
    assertThat(text.toString()).isEqualTo("[]");
  }
}
