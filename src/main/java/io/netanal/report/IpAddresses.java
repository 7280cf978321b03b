package io.netanal.report;

/**
 * Text forms of IP addresses held as primitives: IPv4 dotted quads and IPv6 in RFC 5952's canonical form
 * (lower case, leading zeros dropped, the longest run of two or more zero groups as {@code ::}, the first such
 * run on a tie).
 *
 * <p>Stateless; any thread. Appends into a caller's buffer so that per-packet rows allocate nothing.
 */
final class IpAddresses {
  private IpAddresses() {}

  static void appendIpv4(int address, StringBuilder sb) {
    sb.append((address >>> 24) & 0xff).append('.').append((address >>> 16) & 0xff).append('.')
        .append((address >>> 8) & 0xff).append('.').append(address & 0xff);
  }

  static void appendIpv6(long high, long low, StringBuilder sb) {
    int bestStart = -1;
    int bestLength = 1;
    int runStart = -1;
    for (int i = 0; i < 8; i++) {
      if (group(high, low, i) == 0) {
        if (runStart < 0) {
          runStart = i;
        }
        if (i - runStart + 1 > bestLength) {
          bestStart = runStart;
          bestLength = i - runStart + 1;
        }
      } else {
        runStart = -1;
      }
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLength) {
        sb.append(':');
      }
      appendHex(group(high, low, i), sb);
    }
  }

  private static int group(long high, long low, int index) {
    long half = index < 4 ? high : low;
    return (int) (half >>> (48 - 16 * (index & 3))) & 0xffff;
  }

  private static void appendHex(int value, StringBuilder sb) {
    boolean started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      int digit = (value >>> shift) & 0xf;
      if (digit != 0 || started || shift == 0) {
        sb.append(Character.forDigit(digit, 16));
        started = true;
      }
    }
  }
}
