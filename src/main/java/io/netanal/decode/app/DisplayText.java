package io.netanal.decode.app;

import java.nio.charset.StandardCharsets;

/**
 * Turns name bytes from the wire (DNS labels, a TLS server name, ALPN protocols) into the text tshark 4.0 shows
 * for them (its {@code format_text}), so names compare equal across the two tools:
 * <ul>
 *   <li>printable ASCII as is, a backslash as {@code \\}, other ASCII controls as C escapes ({@code \n},
 *       {@code \t} ...) or, without one, three octal digits ({@code \037}, {@code \177});
 *   <li>UTF-8 sequences decoded permissively, as tshark does: overlong forms are read for their value; a value
 *       that is printable is kept, one that is not (a control or format character, a noncharacter) is written as
 *       {@code \}{@code uXXXX} (or {@code \}{@code UXXXXXXXX});
 *   <li>U+FFFD for what cannot be read: a continuation byte out of place, 0xFE or 0xFF, a sequence cut short
 *       (one U+FFFD for its lead and the continuation bytes it had), a surrogate or a value past U+10FFFF.
 * </ul>
 * ASCII capitals may be lowered (DNS names and server names are case-insensitive in ASCII only, RFC 4343).
 *
 * <p>Stateless; any thread may call it.
 */
final class DisplayText {
  private static final char REPLACEMENT = '\uFFFD';

  private DisplayText() {}

  /** The text of {@code bytes[0, length)}, ASCII capitals lowered (in {@code bytes} too) when {@code lowercase}. */
  static String of(byte[] bytes, int length, boolean lowercase) {
    boolean plain = true;
    for (int i = 0; i < length; i++) {
      int c = bytes[i];
      if (lowercase && c >= 'A' && c <= 'Z') {
        bytes[i] = (byte) (c + ('a' - 'A'));
      } else if (c < ' ' || c == 0x7F || c == '\\') { // negative: a byte >= 0x80
        plain = false;
      }
    }
    return plain ? new String(bytes, 0, length, StandardCharsets.US_ASCII) : decode(bytes, length);
  }

  private static String decode(byte[] bytes, int length) {
    StringBuilder out = new StringBuilder(length + 8);
    for (int i = 0; i < length; ) {
      int c = bytes[i] & 0xFF;
      if (c < 0x80) {
        appendAscii(c, out);
        i++;
        continue;
      }
      int continuations = continuationsAfter(c);
      if (continuations == 0) {
        out.append(REPLACEMENT); // a continuation byte out of place, or 0xFE / 0xFF
        i++;
        continue;
      }
      long value = c & (0x3F >> continuations);
      int next = i + 1;
      while (next < length && next - i <= continuations && (bytes[next] & 0xC0) == 0x80) {
        value = (value << 6) | (bytes[next] & 0x3F);
        next++;
      }
      if (next - i <= continuations) {
        out.append(REPLACEMENT); // cut short: one replacement for the lead and what followed it
      } else {
        appendCodePoint(value, out);
      }
      i = next;
    }
    return out.toString();
  }

  /** Continuation bytes a lead byte announces (1 to 5, counting the obsolete 5- and 6-byte forms), else 0. */
  private static int continuationsAfter(int lead) {
    if (lead < 0xC0 || lead > 0xFD) {
      return 0;
    }
    return lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : lead < 0xF8 ? 3 : lead < 0xFC ? 4 : 5;
  }

  private static void appendCodePoint(long value, StringBuilder out) {
    if (value > Character.MAX_CODE_POINT || (value >= Character.MIN_SURROGATE && value <= Character.MAX_SURROGATE)) {
      out.append(REPLACEMENT);
      return;
    }
    int codePoint = (int) value;
    if (isPrintable(codePoint)) {
      out.appendCodePoint(codePoint);
    } else {
      out.append(codePoint <= 0xFFFF ? String.format("\\u%04X", codePoint) : String.format("\\U%08X", codePoint));
    }
  }

  /** GLib's {@code g_unichar_isprint}: anything but control, format, unassigned and surrogate characters. */
  private static boolean isPrintable(int codePoint) {
    switch (Character.getType(codePoint)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.UNASSIGNED:
      case Character.SURROGATE:
        return false;
      default:
        return true;
    }
  }

  private static void appendAscii(int c, StringBuilder out) {
    switch (c) {
      case '\\': out.append("\\\\"); break;
      case 0x07: out.append("\\a"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      case 0x0B: out.append("\\v"); break;
      default:
        if (c < ' ' || c == 0x7F) {
          out.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
              .append((char) ('0' + (c & 7)));
        } else {
          out.append((char) c);
        }
        break;
    }
  }
}
