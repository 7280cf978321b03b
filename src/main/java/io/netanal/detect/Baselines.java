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

  /**
   * A kind and a target, the target as the window tables key it (two longs, IPv4 mapped), so a row's baseline is
   * found without its address text.
   */
  private record Key(String kind, long high, long low) {
    // Written out: the generated ones go through method handles, slow in C1 code (the launcher's for files).
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && high == k.high && low == k.low && kind.equals(k.kind);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * kind.hashCode() + Long.hashCode(high)) + Long.hashCode(low);
    }
  }

  private final Map<Key, Double> rates = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Double> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** The baseline of {@code kind} for a target: 0 for a target not seen before. */
  double get(String kind, long high, long low) {
    Double v = rates.get(new Key(kind, high, low));
    return v == null ? 0 : v;
  }

  /**
   * Moves the baseline towards {@code rate}. It starts from 0, so a flood's first, partial window does not become
   * its baseline; steady traffic reaches its own level within a few windows.
   */
  void update(String kind, long high, long low, double rate) {
    double old = get(kind, high, low);
    rates.put(new Key(kind, high, low), old + ALPHA * (rate - old));
  }
}
