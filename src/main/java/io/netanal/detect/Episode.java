package io.netanal.detect;

import io.netanal.frame.TimestampFormat;

/**
 * One (type, source, target) episode as it grows: the span of the windows that raised it, the strongest window's
 * finding, the highest severity, and how many windows raised it. Owned by the engine's thread.
 */
final class Episode {
  private Finding strongest;
  private Severity severity;
  private long startNanos;
  private long endNanos;
  private long windows;

  Episode(Finding first) {
    strongest = first;
    severity = first.severity();
    startNanos = first.startNanos();
    endNanos = first.endNanos();
    windows = 1;
  }

  /** True when {@code f} belongs to this episode: it starts before this one's end plus the gap. */
  boolean continues(Finding f, long gapNanos) {
    return f.startNanos() <= endNanos + gapNanos;
  }

  void add(Finding f) {
    if (f.strength() > strongest.strength()) {
      strongest = f;
    }
    severity = severity.atLeast(f.severity());
    startNanos = Math.min(startNanos, f.startNanos());
    endNanos = Math.max(endNanos, f.endNanos());
    windows++;
  }

  long endNanos() {
    return endNanos;
  }

  Alert alert() {
    Finding f = strongest;
    return new Alert(Alert.SCHEMA, f.type().id(), severity.id(), f.source(), f.target(), f.targetPorts(),
        f.window(), TimestampFormat.format(startNanos), TimestampFormat.format(endNanos), f.evidence(),
        f.summary(), windows);
  }
}
