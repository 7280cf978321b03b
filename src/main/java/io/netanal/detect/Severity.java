package io.netanal.detect;

/**
 * How far past its line a detector's main metric went: {@code low} up to 3 times the threshold, {@code medium} up
 * to 10 times, {@code high} beyond (or at an absolute "high" line such as FastNetMon's 20,000 pps).
 */
enum Severity {
  LOW, MEDIUM, HIGH;

  static Severity of(double value, double threshold) {
    double ratio = threshold <= 0 ? Double.POSITIVE_INFINITY : value / threshold;
    return ratio >= 10 ? HIGH : ratio >= 3 ? MEDIUM : LOW;
  }

  Severity atLeast(Severity other) {
    return compareTo(other) >= 0 ? this : other;
  }

  String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
