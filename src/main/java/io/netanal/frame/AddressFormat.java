package io.netanal.frame;

/**
 * Writes IP addresses held as primitives as tshark prints them: IPv4 as a dotted quad, IPv6 as RFC 5952 text
 * (lowercase hex without leading zeros, the longest run of two or more zero groups written {@code ::}, the first
 * run on ties) with the embedded IPv4 forms glibc's {@code inet_ntop} uses: {@code ::ffff:1.2.3.4} for mapped and
 * {@code ::1.2.3.4} for compatible addresses.
 *
 * <p>Stateless; any thread may call it. The {@code append} forms allocate nothing and serve per-packet rows; the
 * String forms are for snapshots and views.
 */
public final class AddressFormat {
  /** Longest text of {@link #ipv4}: {@code 255.255.255.255}. */
  public static final int IPV4_MAX_LENGTH = 15;

  /** "00" to "99": the tens' and the units' digit of each value below 100. */
  private static final byte[] DIGIT_PAIRS = new byte[200];

  static {
    for (int i = 0; i < 100; i++) {
      DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
      DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  private AddressFormat() {}

  /** {@code 0xC0000201} as {@code "192.0.2.1"}. */
  public static String ipv4(int address) {
    // Digits into a byte array, one String over it: a StringBuilder's int appends, growth checks and copy cost
    // several times as much, and flows name DNS answers and responders by the hundred thousand.
    byte[] text = new byte[IPV4_MAX_LENGTH];
    int length = writeIpv4(address, text, 0);
    return new String(text, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * Writes {@link #ipv4}'s text as ASCII bytes into {@code out} from {@code at} (room for
   * {@link #IPV4_MAX_LENGTH} is the caller's) and returns the index after it. Without division: C1, which the
   * single binary runs on, divides by a constant with a division instruction.
   */
  public static int writeIpv4(int address, byte[] out, int at) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      int v = (address >>> shift) & 0xff;
      if (v >= 100) {
        int hundreds = v >= 200 ? 2 : 1;
        out[at++] = (byte) ('0' + hundreds);
        v -= 100 * hundreds;
        out[at++] = DIGIT_PAIRS[2 * v];
      } else if (v >= 10) {
        out[at++] = DIGIT_PAIRS[2 * v];
      }
      out[at++] = DIGIT_PAIRS[2 * v + 1];
      if (shift > 0) {
        out[at++] = '.';
      }
    }
    return at;
  }

  /** The text of the address whose first 8 bytes are {@code high} and last 8 {@code low}. */
  public static String ipv6(long high, long low) {
    return appendIpv6(high, low, new StringBuilder(39)).toString();
  }

  /** Appends {@link #ipv4}'s text to {@code sb} and returns {@code sb}. */
  public static StringBuilder appendIpv4(int address, StringBuilder sb) {
    return sb.append(address >>> 24).append('.').append((address >>> 16) & 0xff).append('.')
        .append((address >>> 8) & 0xff).append('.').append(address & 0xff);
  }

  /** Appends {@link #ipv6}'s text to {@code sb} and returns {@code sb}. */
  public static StringBuilder appendIpv6(long high, long low, StringBuilder sb) {
    int bestStart = -1;
    int bestLength = 1; // a single zero group is not compressed (section 4.2.2)
    for (int i = 0; i < 8; ) {
      if (group(high, low, i) != 0) {
        i++;
        continue;
      }
      int end = i;
      while (end < 8 && group(high, low, end) == 0) {
        end++;
      }
      if (end - i > bestLength) {
        bestStart = i;
        bestLength = end - i;
      }
      i = end;
    }
    // glibc's rule, which tshark inherits: zeros then ffff then IPv4 is mapped, six zero groups then IPv4 is
    // compatible; "::" and "::1" stay hex because their zero run is longer than six.
    if (bestStart == 0 && (bestLength == 6 || (bestLength == 5 && group(high, low, 5) == 0xffff))) {
      return appendIpv4((int) low, sb.append(bestLength == 5 ? "::ffff:" : "::"));
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
    return sb;
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
