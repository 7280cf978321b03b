package io.netanal.filter;

/**
 * Parses the text of IPv4 and IPv6 addresses strictly, without name resolution, so that only a literal address
 * can reach a filter expression.
 *
 * <p>Stateless; any thread. Accepted: dotted quads of decimal octets without leading zeros ({@code 10.0.0.5});
 * RFC 4291 section 2.2 text for IPv6 ({@code 2001:db8::1}, {@code ::ffff:10.0.0.5}), without zone or brackets.
 */
final class IpAddressText {
  private IpAddressText() {}

  /** The 4 bytes of a dotted-quad IPv4 address, or null when {@code text} is not one. */
  static byte[] parseIpv4(String text) {
    byte[] out = new byte[4];
    return parseIpv4Into(text, out, 0) ? out : null;
  }

  /** The 16 bytes of an IPv6 address, or null when {@code text} is not one. */
  static byte[] parseIpv6(String text) {
    if (text == null || text.indexOf(':') < 0 || text.length() > 45) {
      return null;
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null; // at most one "::"
    }
    byte[] out = new byte[16];
    if (gap < 0) {
      return parseGroups(text, out, 0, 16) == 16 ? out : null;
    }
    if (text.substring(0, gap).indexOf('.') >= 0) {
      return null; // an embedded IPv4 address can only end the text
    }
    byte[] head = new byte[16];
    byte[] tail = new byte[16];
    int headLength = gap == 0 ? 0 : parseGroups(text.substring(0, gap), head, 0, 16);
    int tailLength = gap + 2 == text.length() ? 0 : parseGroups(text.substring(gap + 2), tail, 0, 16);
    // "::" stands for at least one zero group
    if (headLength < 0 || tailLength < 0 || headLength + tailLength > 14) {
      return null;
    }
    System.arraycopy(head, 0, out, 0, headLength);
    System.arraycopy(tail, 0, out, 16 - tailLength, tailLength);
    return out;
  }

  /** Either family: 4 or 16 bytes, or null. */
  static byte[] parse(String text) {
    byte[] v4 = parseIpv4(text);
    return v4 != null ? v4 : parseIpv6(text);
  }

  /** Parses colon-separated hex groups, the last of which may be a dotted quad; bytes written, or -1. */
  private static int parseGroups(String text, byte[] out, int start, int max) {
    String[] groups = text.split(":", -1);
    int at = start;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if (i == groups.length - 1 && g.indexOf('.') >= 0) {
        if (at + 4 > max || !parseIpv4Into(g, out, at)) {
          return -1;
        }
        return at + 4;
      }
      if (g.isEmpty() || g.length() > 4 || at + 2 > max) {
        return -1;
      }
      int value = 0;
      for (int c = 0; c < g.length(); c++) {
        int digit = Character.digit(g.charAt(c), 16);
        if (digit < 0) {
          return -1;
        }
        value = value << 4 | digit;
      }
      out[at++] = (byte) (value >> 8);
      out[at++] = (byte) value;
    }
    return at;
  }

  private static boolean parseIpv4Into(String text, byte[] out, int at) {
    if (text == null) {
      return false;
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      // leading zeros are refused: C's inet_aton reads "010" as octal, libpcap as decimal
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return false;
      }
      int value = 0;
      for (int c = 0; c < p.length(); c++) {
        char ch = p.charAt(c);
        if (ch < '0' || ch > '9') {
          return false;
        }
        value = value * 10 + (ch - '0');
      }
      if (value > 255) {
        return false;
      }
      out[at + i] = (byte) value;
    }
    return true;
  }
}
