package io.netanal.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each target's usual rate of a kind of traffic (UDP or ICMP packets received per second), as an exponential
 * average of its earlier windows (alpha 0.2), for the flood detectors' "beyond its baseline" rule.
 *
 * <p>Owned by the engine's thread. Bounded: the {@value #MAX_ENTRIES} most recently seen targets per kind; an
 * unknown target has no baseline and only the absolute floor applies. A window that raised a flood does not move
 * the baseline, so a long flood does not become its own normal.
 */
final class Baselines {
  static final int MAX_ENTRIES = 4096;
  private static final double ALPHA = 0.2;

  private final Map<String, Double> rates = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Double> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** The baseline of {@code kind} for {@code address}, or -1 when none is known yet. */
  double get(String kind, String address) {
    Double v = rates.get(kind + '|' + address);
    return v == null ? -1 : v;
  }

  void update(String kind, String address, double rate) {
    rates.merge(kind + '|' + address, rate, (old, now) -> old + ALPHA * (now - old));
  }
}
