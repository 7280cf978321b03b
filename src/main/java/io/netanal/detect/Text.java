package io.netanal.detect;

import java.util.Locale;

/** Numbers as alert summaries write them: thousands separated, rates rounded, bytes in SI units. Stateless. */
final class Text {
  private Text() {}

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f/s", perSecond);
  }

  static String bytes(long n) {
    if (n < 1000) {
      return n + " B";
    }
    if (n < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
    }
    return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
  }

  static String seconds(double s) {
    return s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f s", s);
  }
}
