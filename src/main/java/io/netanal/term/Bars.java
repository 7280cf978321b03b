package io.netanal.term;

/**
 * Horizontal bars and sparklines drawn with characters: Unicode block elements where the output charset has
 * them, an ASCII ramp where it does not. Stateless; any thread.
 */
final class Bars {
  /** Sparkline levels 1 to 8; level 0 (no traffic) is a space so idle intervals stand out. */
  static final String SPARK_UNICODE = "▁▂▃▄▅▆▇█";
  static final String SPARK_ASCII = "_.-:=+*#";
  /** Partial cells of a horizontal bar, 1/8 to 8/8 of a character. */
  private static final String EIGHTHS = "▏▎▍▌▋▊▉█";

  private Bars() {}

  /** A bar of {@code fraction} (0 to 1) of {@code width} characters, padded with spaces to {@code width}. */
  static String bar(double fraction, int width, boolean unicode) {
    if (width <= 0) {
      return "";
    }
    double f = Double.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
    StringBuilder sb = new StringBuilder(width);
    if (unicode) {
      int eighths = (int) Math.round(f * width * 8);
      if (eighths == 0 && f > 0) {
        eighths = 1; // a non-zero share is never drawn as nothing
      }
      sb.append("█".repeat(eighths / 8));
      if (eighths % 8 != 0) {
        sb.append(EIGHTHS.charAt(eighths % 8 - 1));
      }
    } else {
      int cells = (int) Math.round(f * width);
      if (cells == 0 && f > 0) {
        cells = 1;
      }
      sb.append("#".repeat(cells));
    }
    return sb.append(" ".repeat(width - sb.length())).toString();
  }

  /**
   * One character per value, scaled so the largest is a full block: a value {@code v > 0} gets level
   * {@code ceil(8 v / max)}, so the smallest traffic still shows; 0 is a space.
   */
  static String sparkline(long[] values, boolean unicode) {
    String levels = unicode ? SPARK_UNICODE : SPARK_ASCII;
    long max = 0;
    for (long v : values) {
      max = Math.max(max, v);
    }
    StringBuilder sb = new StringBuilder(values.length);
    for (long v : values) {
      if (v <= 0) {
        sb.append(' ');
      } else {
        int level = (int) Math.ceil(8.0 * v / max);
        sb.append(levels.charAt(Math.min(8, Math.max(1, level)) - 1));
      }
    }
    return sb.toString();
  }

  /** How many consecutive values to merge so that {@code count} values fit in {@code maxLength} characters. */
  static int groupSize(int count, int maxLength) {
    return Math.max(1, (count + maxLength - 1) / Math.max(1, maxLength));
  }

  /**
   * Sums of {@code group} consecutive values. A last group with fewer members is scaled up to a full group's
   * worth, so a short tail is not drawn lower than the same rate elsewhere.
   */
  static long[] merge(long[] values, int group) {
    long[] out = new long[(values.length + group - 1) / group];
    for (int i = 0; i < values.length; i++) {
      out[i / group] += values[i];
    }
    int tail = values.length % group;
    if (tail != 0) {
      out[out.length - 1] = out[out.length - 1] * group / tail;
    }
    return out;
  }
}
