package io.netanal.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each target's usual rate of a kind of traffic (UDP or ICMP packets received per second), as an exponential
 * average of its earlier windows (alpha 0.2), for the flood detectors' "beyond its baseline" rule.
 *
 * <p>Owned by the engine's thread. Bounded: the {@value #MAX_ENTRIES} most recently seen targets per kind; an
 * unknown target's baseline is 0, so only the absolute floor applies. A window that raised a flood does not move
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

  /** The baseline of {@code kind} for {@code address}: 0 for a target not seen before. */
  double get(String kind, String address) {
    Double v = rates.get(kind + '|' + address);
    return v == null ? 0 : v;
  }

  /**
   * Moves the baseline towards {@code rate}. It starts from 0, so a flood's first, partial window does not become
   * its baseline; steady traffic reaches its own level within a few windows.
   */
  void update(String kind, String address, double rate) {
    double old = get(kind, address);
    rates.put(kind + '|' + address, old + ALPHA * (rate - old));
  }
}
