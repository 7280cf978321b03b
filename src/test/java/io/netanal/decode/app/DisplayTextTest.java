package io.netanal.decode.app;

import static io.netanal.decode.app.Payloads.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every expectation is tshark 4.0's {@code dns.qry.name} for a label "a", the bytes, "b". */
class DisplayTextTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "c080 | a\\u0000b", // overlong NUL, read for its value, then not printable
      "c1bf | a\\u007Fb", // overlong DEL
      "fc8080808080 | a\\u0000b", // the obsolete 6-byte form of NUL
      "c280 | a\\u0080b", // a C1 control
      "e2808b | a\\u200Bb", // ZERO WIDTH SPACE, a format character
      "efbfbf | a\\uFFFFb", // a noncharacter
      "eda080 | a\ufffdb", // a surrogate
      "f4908080 | a\ufffdb", // past U+10FFFF
      "f888808080 | a\ufffdb", // 5-byte form past U+10FFFF
      "fbbd51 | a\ufffdqb", // a 5-byte lead with one continuation byte, then Q (lowered)
      "e080 | a\ufffdb", // a 3-byte sequence cut short
      "f08080 | a\ufffdb", // a 4-byte sequence cut short
      "80 | a\ufffdb", // a continuation byte out of place
      "ff | a\ufffdb", // never valid
      "c2a0 | a\u00a0b", // NO-BREAK SPACE: printable
      "f09f9880 | a\ud83d\ude00b", // an emoji: printable, outside the BMP
      "0a | a\\nb", // LF as a C escape
      "1f | a\\037b", // other controls in octal
      "7f | a\\177b", // DEL in octal
      "5c | a\\\\b", // backslash
      "20 | a b", // space as is
  })
  void shouldWriteBytesAsTsharkDoes(String hex, String expected) {
    byte[] label = bytes("61", hex, "62");

    assertThat(DisplayText.of(label, label.length, true)).isEqualTo(expected);
  }

  @Test
  void shouldLowerAsciiCapitalsOnlyWhenAsked() {
    byte[] upper = bytes("41c38942"); // "AÉB"

    assertThat(DisplayText.of(upper.clone(), upper.length, false)).isEqualTo("A\u00c9B");
    assertThat(DisplayText.of(upper.clone(), upper.length, true)).isEqualTo("a\u00c9b");
  }
}
