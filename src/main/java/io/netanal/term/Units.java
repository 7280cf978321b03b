package io.netanal.term;

import java.util.Locale;

/**
 * Numbers as people read them on the console: counts with thousands separators, byte sizes and bit rates in
 * decimal SI units, durations in h/m/s.
 *
 * <p>Units are decimal (1 kB = 1000 bytes, 1 MB = 10^6), as capinfos and tshark print them and as link speeds
 * are quoted, so that a byte count and a bit rate scale alike; {@code 1536} bytes prints as {@code 1.5 kB}.
 * Separators and decimal points do not follow the locale: the output must read the same on every machine. The
 * console's formats name {@code Locale.US}, whose digits and separators are the root locale's: {@code Formatter}
 * knows them without loading the JDK's locale data, which {@code Locale.ROOT} made every console report do (about
 * 30 ms of a 0.2 s small command). Stateless; any thread.
 */
final class Units {
  private static final String[] BYTE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
  private static final String[] BIT_RATE_UNITS = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};

  private Units() {}

  /** {@code 1234567} as {@code "1,234,567"}. */
  static String count(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  /** {@code 999} as {@code "999 B"}, {@code 1536} as {@code "1.5 kB"}, {@code 1_520_000_000} as {@code "1.5 GB"}. */
  static String bytes(long n) {
    return scaled(n, BYTE_UNITS);
  }

  /** Bytes per second: {@code "310.5 MB/s"}. */
  static String byteRate(double bytesPerSecond) {
    return scaled(bytesPerSecond, BYTE_UNITS) + "/s";
  }

  /** {@code 81_900_000} as {@code "81.9 Mbit/s"}. */
  static String bitRate(double bitsPerSecond) {
    return scaled(bitsPerSecond, BIT_RATE_UNITS);
  }

  /** Packets per second with no decimals above 100 ({@code "12,345"}), one below ({@code "2.5"}). */
  static String rate(double perSecond) {
    if (!Double.isFinite(perSecond) || perSecond <= 0) {
      return "0";
    }
    return perSecond >= 100 ? count(Math.round(perSecond)) : String.format(Locale.US, "%.1f", perSecond);
  }

  /** {@code "0.250 s"}, {@code "42.125 s"}, {@code "2m 05s"}, {@code "3h 02m 05s"}, {@code "4d 03h 02m"}. */
  static String duration(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      return "-";
    }
    if (seconds < 60) {
      return String.format(Locale.US, "%.3f s", seconds);
    }
    long s = (long) Math.floor(seconds);
    if (s < 3600) {
      return String.format(Locale.US, "%dm %02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format(Locale.US, "%dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60);
    }
    return String.format(Locale.US, "%dd %02dh %02dm", s / 86_400, s / 3600 % 24, s / 60 % 60);
  }

  /** Elapsed time as a clock: {@code "0:07"}, {@code "12:34"}, {@code "1:02:03"}. */
  static String clock(long seconds) {
    if (seconds < 3600) {
      return String.format(Locale.US, "%d:%02d", seconds / 60, seconds % 60);
    }
    return String.format(Locale.US, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }

  /**
   * {@code part / whole} as {@code "42.0%"}; {@code "<0.1%"} for a non-zero part too small to show; {@code "0.0%"}
   * when whole is 0.
   */
  static String percent(long part, long whole) {
    double value = whole == 0 ? 0.0 : 100.0 * part / whole;
    // a few frames out of millions are worth seeing: not "0.0%"
    return part > 0 && value < 0.05 ? "<0.1%" : String.format(Locale.US, "%.1f%%", value);
  }

  private static String scaled(double value, String[] units) {
    if (!Double.isFinite(value) || value < 0) {
      value = 0;
    }
    if (value < 999.5) {
      return units == BYTE_UNITS
          ? Math.round(value) + " " + units[0]
          : String.format(Locale.US, "%.0f %s", value, units[0]);
    }
    int unit = 0;
    // 999_950 would round to "1000.0 kB": move to the next unit before rounding does
    while (value >= 999.95 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.US, "%.1f %s", value, units[unit]);
  }
}
