package io.netanal.detect;

import java.util.Locale;

/**
 * Numbers as alert summaries write them: thousands separated, rates rounded, bytes in SI units. Stateless.
 *
 * <p>Counts, rates and whole seconds are written by hand, the same text as {@code String.format(Locale.US,
 * "%,d")} and {@code "%,.0f"}: every finding of every window writes a summary, and a {@code Formatter} (a regular
 * expression over the pattern, boxing) cost more than the detectors' arithmetic, much of it in the interpreter
 * before the formatter's code is compiled. The rest name {@code Locale.US}, whose digits and separators are the root
 * locale's: {@code Formatter} knows them without loading the JDK's locale data (about 30 ms), as the console's.
 */
final class Text {
  private Text() {}

  static String count(long n) {
    if (n == Long.MIN_VALUE) {
      return String.format(Locale.US, "%,d", n); // no positive counterpart to group
    }
    StringBuilder sb = new StringBuilder(27);
    grouped(sb, n);
    return sb.toString();
  }

  static String rate(double perSecond) {
    // %.0f rounds half up; a double with a fraction of exactly .5 is written exactly, so Math.round agrees (below
    // 2^52, where every such fraction is representable). Negative values, -0.0, NaN and the rest: Formatter.
    if (!(perSecond >= 0 && perSecond < 0x1p52) || Double.doubleToRawLongBits(perSecond) == Long.MIN_VALUE) {
      return String.format(Locale.US, "%,.0f/s", perSecond);
    }
    StringBuilder sb = new StringBuilder(30);
    grouped(sb, Math.round(perSecond));
    return sb.append("/s").toString();
  }

  static String bytes(long n) {
    if (n < 1000) {
      return n + " B";
    }
    if (n < 1_000_000) {
      return String.format(Locale.US, "%.1f kB", n / 1e3);
    }
    return String.format(Locale.US, "%.1f MB", n / 1e6);
  }

  static String seconds(double s) {
    if (s == Math.rint(s) && Math.abs(s) < 0x1p52 && !(s == 0 && 1 / s < 0)) {
      return (long) s + " s"; // %.0f of a whole number
    }
    return s == Math.rint(s) ? String.format(Locale.US, "%.0f s", s) : String.format(Locale.US, "%.1f s", s);
  }

  /** {@code n} with a comma between groups of three digits, as {@code %,d} writes it in the root locale. */
  private static void grouped(StringBuilder sb, long n) {
    if (n < 0) {
      sb.append('-');
      n = -n;
    }
    int start = sb.length();
    sb.append(n);
    for (int at = sb.length() - 3; at > start; at -= 3) {
      sb.insert(at, ',');
    }
  }
}
