package io.netanal.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * JSON text built in a reusable char array, for writers that emit many small records: strings are copied in with
 * {@link String#getChars} and scanned in place for what needs escaping, numbers written as digits, so a record costs
 * no intermediate String and no generator state. A {@link StringBuilder} would do the same, but once it held one
 * character outside Latin-1 (a replacement character in a DNS name) every later append inflates its text.
 *
 * <p>Owned by one thread.
 */
final class JsonChars {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final char[] NULL = "null".toCharArray();
  private static final char[] LONG_MIN = Long.toString(Long.MIN_VALUE).toCharArray();
  private static final int BILLION = 1_000_000_000;

  private char[] chars;
  private int length;

  JsonChars(int capacity) {
    chars = new char[capacity];
  }

  int length() {
    return length;
  }

  /** Writes the text to {@code out} and empties this buffer. */
  void writeTo(Writer out) throws IOException {
    out.write(chars, 0, length);
    length = 0;
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }

  JsonChars append(char c) {
    ensure(1);
    chars[length++] = c;
    return this;
  }

  /** Text known to need no escaping (field names and punctuation), as is. */
  JsonChars append(char[] text) {
    ensure(text.length);
    System.arraycopy(text, 0, chars, length, text.length);
    length += text.length;
    return this;
  }

  /** Text known to need no escaping, as is. */
  JsonChars raw(String text) {
    int n = text.length();
    ensure(n);
    text.getChars(0, n, chars, length);
    length += n;
    return this;
  }

  JsonChars nullValue() {
    return append(NULL);
  }

  /** A decimal integer, as {@link Long#toString(long)} writes it. */
  JsonChars number(long value) {
    if (value == Long.MIN_VALUE) {
      return append(LONG_MIN);
    }
    ensure(20);
    if (value < 0) {
      chars[length++] = '-';
      value = -value;
    }
    if (value <= Integer.MAX_VALUE) {
      return nonNegative((int) value); // int division: C1 calls into the runtime for every long one
    }
    long high = value / BILLION;
    number(high);
    return digits((int) (value - high * BILLION), 9);
  }

  private JsonChars nonNegative(int value) {
    int digits = digits(value);
    int end = length + digits;
    for (int i = end - 1; i >= length; i--) {
      chars[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    length = end;
    return this;
  }

  /** {@code value} as exactly {@code width} decimal digits, zero-padded; {@code value} is below 10^width. */
  JsonChars digits(int value, int width) {
    ensure(width);
    for (int i = length + width - 1; i >= length; i--) {
      chars[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    length += width;
    return this;
  }

  /**
   * {@code s} as a JSON string (null as {@code null}), escaped as Jackson's default generator does (RFC 8259
   * section 7): quote and backslash with a backslash, control characters as {@code \n}-style escapes or as
   * <code>&#92;u00XX</code>, everything else (non-ASCII too) as is.
   */
  JsonChars string(String s) {
    if (s == null) {
      return nullValue();
    }
    int n = s.length();
    ensure(n + 2);
    chars[length++] = '"';
    int start = length;
    s.getChars(0, n, chars, start);
    length += n;
    for (int i = start; i < start + n; i++) {
      char c = chars[i];
      if (c < 0x20 || c == '"' || c == '\\') {
        length = i;
        escapeFrom(s, i - start);
        break;
      }
    }
    chars[length++] = '"';
    return this;
  }

  /** The rest of {@code s}, from {@code from} (which needs escaping), escaped; leaves room for the closing quote. */
  private void escapeFrom(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      ensure(7);
      if (c >= 0x20 && c != '"' && c != '\\') {
        chars[length++] = c;
        continue;
      }
      chars[length++] = '\\';
      switch (c) {
        case '"' -> chars[length++] = '"';
        case '\\' -> chars[length++] = '\\';
        case '\n' -> chars[length++] = 'n';
        case '\r' -> chars[length++] = 'r';
        case '\t' -> chars[length++] = 't';
        case '\b' -> chars[length++] = 'b';
        case '\f' -> chars[length++] = 'f';
        default -> {
          chars[length++] = 'u';
          chars[length++] = '0';
          chars[length++] = '0';
          chars[length++] = HEX[c >> 4];
          chars[length++] = HEX[c & 0xf];
        }
      }
    }
    ensure(1);
  }

  private static int digits(int value) {
    int digits = 1;
    for (int bound = 10; digits < 10 && value >= bound; bound *= 10) {
      digits++;
    }
    return digits;
  }

  private void ensure(int more) {
    if (length + more > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
    }
  }
}
