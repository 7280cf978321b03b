package io.netanal.report;

import io.netanal.frame.AddressFormat;
import java.util.Arrays;

/**
 * A growable buffer of JSON text as UTF-8 bytes, written value by value: names and punctuation as prepared bytes,
 * numbers as digits, strings escaped as Jackson's default generator escapes them. For writers of many small records
 * ({@code windows --json}) that would otherwise build a {@code String}, copy it into a {@code StringBuilder} and
 * have a {@code Writer} encode every char again.
 *
 * <p>Owned by one thread; reused: {@link #reset()} keeps the array.
 */
final class JsonBytes {
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
  /** Below this magnitude (in thousandths) every thousandth is a distinct double, whose text is its decimal. */
  private static final long EXACT_THOUSANDTHS = 1L << 43;

  /** "00" to "99": the digits of each number below 100, two bytes each. */
  private static final byte[] PAIRS = new byte[200];

  static {
    for (int i = 0; i < 100; i++) {
      PAIRS[2 * i] = (byte) ('0' + i / 10);
      PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  /** Slots of {@link #sameString}. */
  static final int SLOTS = 4;
  /** Slots of {@link #recentString}: a power of two. */
  private static final int RECENT = 1024;

  private byte[] bytes;
  private int length;
  private final String[] cachedText = new String[SLOTS];
  private final byte[][] cachedBytes = new byte[SLOTS][];
  private final String[] recentText = new String[RECENT];
  private final byte[][] recentBytes = new byte[RECENT][];

  JsonBytes(int capacity) {
    bytes = new byte[capacity];
  }

  byte[] array() {
    return bytes;
  }

  int length() {
    return length;
  }

  void reset() {
    length = 0;
  }

  /** Prepared bytes (a name with its punctuation, a bracket). */
  JsonBytes raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, length, b.length);
    length += b.length;
    return this;
  }

  JsonBytes raw(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** {@code name} as an object member's name with its separator, for {@link #raw(byte[])}: {@code ,"name":}. */
  static byte[] member(String name, boolean first) {
    return ((first ? "" : ",") + '"' + name + "\":").getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  JsonBytes number(long v) {
    ensure(20);
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        return ascii(Long.toString(v));
      }
      bytes[length++] = '-';
      v = -v;
    }
    if (v <= Integer.MAX_VALUE) {
      return digits((int) v); // int division: C1 divides longs through a runtime call per digit
    }
    int at = length + 19;
    for (long p = 1_000_000_000_000_000_000L; v < p; p /= 10) {
      at--;
    }
    length = at;
    do {
      bytes[--at] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    return this;
  }

  /** {@code v} (0 or more, below 10^width) as exactly {@code width} digits, zero-padded: a fraction's digits. */
  JsonBytes digits(int v, int width) {
    ensure(width);
    int at = length + width;
    length = at;
    for (int i = 0; i < width; i++) {
      int q = tenth(v);
      bytes[--at] = (byte) ('0' + v - 10 * q);
      v = q;
    }
    return this;
  }

  /**
   * {@code v / 10} for {@code v >= 0}, by a multiply and a shift (exact for every int, checked for each): C1, which
   * the single binary runs on, divides by a constant with a division instruction, a record's digits cost
   * a dozen of them, and a flood writes a record per packet.
   */
  static int tenth(int v) {
    return (int) ((v * 0xCCCCCCCDL) >>> 35);
  }

  /** {@code v / 100} for {@code v >= 0}, as {@link #tenth}. */
  static int hundredth(int v) {
    return (int) ((v * 0x51EB851FL) >>> 37);
  }

  private JsonBytes digits(int v) {
    if (v < 10) {
      bytes[length++] = (byte) ('0' + v); // most counts of most rows: 0 and small numbers
      return this;
    }
    int at = length + (v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : v < 100_000 ? 5 : v < 1_000_000 ? 6
        : v < 10_000_000 ? 7 : v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10);
    length = at;
    while (v >= 100) { // two digits per division
      int q = hundredth(v);
      int pair = (v - q * 100) * 2;
      bytes[--at] = PAIRS[pair + 1];
      bytes[--at] = PAIRS[pair];
      v = q;
    }
    if (v >= 10) {
      bytes[--at] = PAIRS[v * 2 + 1];
      bytes[--at] = PAIRS[v * 2];
    } else {
      bytes[--at] = (byte) ('0' + v);
    }
    return this;
  }

  /**
   * An IPv4 address ({@code 0xC0000201}) as the JSON string of its dotted quad, {@code "192.0.2.1"}, as {@link
   * #string} writes {@code AddressFormat.ipv4}'s text: without making the text.
   */
  JsonBytes ipv4(int address) {
    ensure(AddressFormat.IPV4_MAX_LENGTH + 2);
    bytes[length++] = '"';
    length = AddressFormat.writeIpv4(address, bytes, length);
    bytes[length++] = '"';
    return this;
  }

  /**
   * {@link #string} of a text that repeats by reference (a window's label and bounds, the schema in every record):
   * its bytes are kept per {@code slot} and copied while the same object comes back.
   */
  JsonBytes sameString(int slot, String s) {
    return cached(cachedText, cachedBytes, slot, s);
  }

  /**
   * {@link #string} of a text that comes back as the same object among many others (an address, kept by the window
   * tables and their cache of address texts, named by record after record): its bytes are kept in a direct-mapped
   * cache by the string's hash and found again by identity, so a repeat is one copy instead of a scan of its chars.
   */
  JsonBytes recentString(String s) {
    return s == null ? raw(NULL) : cached(recentText, recentBytes, s.hashCode() & (RECENT - 1), s);
  }

  /** {@link #string} of {@code s}: {@code made[slot]} when {@code texts[slot]} is that object, else made and kept. */
  private JsonBytes cached(String[] texts, byte[][] made, int slot, String s) {
    if (texts[slot] == s && s != null) {
      return raw(made[slot]);
    }
    int mark = length;
    string(s);
    texts[slot] = s;
    made[slot] = Arrays.copyOfRange(bytes, mark, length);
    return this;
  }

  /**
   * A double as {@link ReportJson} writes it: {@code null} for NaN and infinities, else a plain decimal (never an
   * exponent). Values in thousandths (as the window records round them) are written from their digits; the text
   * is the same as {@code Double.toString}'s shortest decimal, checked by the tests over tens of millions of values.
   */
  JsonBytes number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return raw(NULL);
    }
    long m = Math.round(v * 1000);
    if (m / 1000.0 != v || Math.abs(m) >= EXACT_THOUSANDTHS || (v == 0 && 1 / v < 0)) {
      return ascii(ReportJson.plain(v));
    }
    if (m < 0) {
      raw('-');
      m = -m;
    }
    number(m / 1000);
    ensure(4);
    bytes[length++] = '.';
    int f = (int) (m % 1000);
    bytes[length++] = (byte) ('0' + f / 100);
    if (f % 100 != 0) {
      bytes[length++] = (byte) ('0' + f / 10 % 10);
      if (f % 10 != 0) {
        bytes[length++] = (byte) ('0' + f % 10);
      }
    }
    return this;
  }

  /**
   * {@code s} as a JSON string, or {@code null}, escaped as Jackson's default generator does (RFC 8259 section
   * 7): quote and backslash with a backslash, control characters as {@code \n}-style escapes or as
   * <code>&#92;u00XX</code>, everything else (non-ASCII too) as is, in UTF-8.
   */
  JsonBytes string(String s) {
    if (s == null) {
      return raw(NULL);
    }
    int n = s.length();
    ensure(n + 2);
    bytes[length++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        bytes[length++] = (byte) c; // room for the plain ASCII ensured above; escapes ensure their own
      } else if (c >= 0x80) {
        return nonAscii(s, i);
      } else {
        escape(c);
        ensure(n - i + 1);
      }
    }
    bytes[length++] = '"';
    return this;
  }

  private void escape(char c) {
    ensure(6);
    bytes[length++] = '\\';
    switch (c) {
      case '"' -> bytes[length++] = '"';
      case '\\' -> bytes[length++] = '\\';
      case '\n' -> bytes[length++] = 'n';
      case '\r' -> bytes[length++] = 'r';
      case '\t' -> bytes[length++] = 't';
      case '\b' -> bytes[length++] = 'b';
      case '\f' -> bytes[length++] = 'f';
      default -> {
        bytes[length++] = 'u';
        bytes[length++] = '0';
        bytes[length++] = '0';
        bytes[length++] = HEX[c >> 4];
        bytes[length++] = HEX[c & 0xf];
      }
    }
  }

  /** The rest of a string from its first non-ASCII char at {@code from}: escaped as chars, then encoded. */
  private JsonBytes nonAscii(String s, int from) {
    StringBuilder sb = new StringBuilder(s.length() - from + 8);
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        int mark = length;
        escape(c);
        sb.append(new String(bytes, mark, length - mark, java.nio.charset.StandardCharsets.ISO_8859_1));
        length = mark;
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
    return raw(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Text known to be ASCII (numbers written by the JDK). */
  JsonBytes ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) s.charAt(i);
    }
    return this;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      grow(more); // apart, so that the check is small enough for C1 to inline
    }
  }

  private void grow(int more) {
    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
  }
}
