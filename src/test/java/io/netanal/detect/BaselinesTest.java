package io.netanal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  /** What Baselines did as a map: an access-ordered LinkedHashMap that drops its eldest entry past the bound. */
  private static final class Reference {
    private final Map<List<Object>, Double> rates;

    Reference(int max) {
      rates = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Double> eldest) {
          return size() > max;
        }
      };
    }

    double get(String kind, long high, long low) {
      Double v = rates.get(List.of(kind, high, low));
      return v == null ? 0 : v;
    }

    void update(String kind, long high, long low, double rate) {
      double old = get(kind, high, low);
      rates.put(List.of(kind, high, low), old + 0.2 * (rate - old));
    }
  }

  @Test
  void shouldStartFromZeroAndMoveAFifthOfTheWayEachUpdate() {
    Baselines b = new Baselines();

    assertThat(b.get("udp-flood", 0, 7)).isZero();
    b.update("udp-flood", 0, 7, 100);
    b.update("udp-flood", 0, 7, 100);

    assertThat(b.get("udp-flood", 0, 7)).isEqualTo(36.0);
    assertThat(b.get("icmp-flood", 0, 7)).isZero(); // another kind, another baseline
  }

  @Test
  void shouldKeepAndDropExactlyWhatAnAccessOrderedMapKeeps() {
    for (int max : new int[] {1, 2, 64, Baselines.MAX_ENTRIES}) {
      SplittableRandom random = new SplittableRandom(max);
      Baselines b = new Baselines(max);
      Reference ref = new Reference(max);
      int targets = max * 3 + 5;
      for (int i = 0; i < 200_000; i++) {
        String kind = random.nextBoolean() ? "udp-flood" : "icmp-flood";
        long high = random.nextInt(4) == 0 ? random.nextInt(3) : 0;
        long low = random.nextInt(targets);
        if (random.nextInt(3) == 0) {
          assertThat(b.get(kind, high, low)).as("get %d", i).isEqualTo(ref.get(kind, high, low));
          if (random.nextBoolean()) { // then moved, as the flood detectors do
            double rate = random.nextInt(10_000) / 7.0;
            b.update(kind, high, low, rate);
            ref.update(kind, high, low, rate);
          }
        } else {
          double rate = random.nextInt(10_000) / 7.0;
          b.update(kind, high, low, rate);
          ref.update(kind, high, low, rate);
        }
      }
      assertThat(b.size()).isEqualTo(ref.rates.size());
      for (Map.Entry<List<Object>, Double> e : List.copyOf(ref.rates.entrySet())) {
        List<Object> k = e.getKey();
        assertThat(b.get((String) k.get(0), (Long) k.get(1), (Long) k.get(2))).isEqualTo(e.getValue());
      }
    }
  }
}
