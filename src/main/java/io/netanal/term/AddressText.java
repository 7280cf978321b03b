package io.netanal.term;

/**
 * IP addresses as text: IPv4 dotted quads from an int, IPv6 in the RFC 5952 canonical form from two longs
 * (lower-case hex, no leading zeros, the longest run of two or more zero groups as {@code ::}, the first such
 * run on a tie, IPv4-mapped addresses as {@code ::ffff:192.0.2.1}). Stateless; any thread.
 */
final class AddressText {
  private AddressText() {}

  /** {@code 0xC0000201} as {@code "192.0.2.1"}. */
  static String ipv4(int address) {
    return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "."
        + (address & 0xff);
  }

  /** RFC 5952 text of the address whose first 8 bytes are {@code high} and last 8 {@code low}. */
  static String ipv6(long high, long low) {
    if (high == 0 && (low >>> 32) == 0xffffL) {
      return "::ffff:" + ipv4((int) low); // RFC 5952 section 5: mixed notation for IPv4-mapped addresses
    }
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
      groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xffff;
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is not compressed (section 4.2.2)
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }
}
