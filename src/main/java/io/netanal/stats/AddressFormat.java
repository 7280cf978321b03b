package io.netanal.stats;

/**
 * Formats IP addresses for the report, as tshark prints them: IPv4 as a dotted quad, IPv6 as RFC 5952 text
 * (lowercase hex without leading zeros, the longest run of two or more zero groups written {@code ::}, the first
 * run on ties) with the embedded IPv4 forms glibc's {@code inet_ntop} uses: {@code ::ffff:1.2.3.4} for mapped and
 * {@code ::1.2.3.4} for compatible addresses.
 *
 * <p>Called only when a snapshot is made, never per packet. Stateless; any thread may call it.
 */
final class AddressFormat {
  private AddressFormat() {}

  static String ipv4(int address) {
    return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
        + (address & 0xff);
  }

  static String ipv6(long high, long low) {
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
      groups[4 + i] = (int) (low >>> (48 - 16 * i)) & 0xffff;
    }
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - start > bestLength) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    if (bestLength < 2) {
      bestStart = -1;
    }
    if (bestStart == 0 && (bestLength == 6 || (bestLength == 5 && groups[5] == 0xffff))) {
      return (bestLength == 5 ? "::ffff:" : "::") + ipv4((int) low);
    }
    StringBuilder text = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }
}
