package io.netanal.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HeavyHittersTest {

  /**
   * One-word keys that all hash to one set, found by trying them on empty sketches (with one value word, the
   * index {@code add} returns is the entry's, and entries are numbered set by set).
   */
  private static List<Long> keysOfOneSet(int count) {
    List<Long> keys = new ArrayList<>();
    int wanted = -1;
    for (long key = 1; keys.size() < count; key++) {
      int set = new HeavyHitters(1, 1).add(key, 0, 0, 0, 1) / HeavyHitters.WAYS;
      if (wanted < 0) {
        wanted = set;
      }
      if (set == wanted) {
        keys.add(key);
      }
    }
    return keys;
  }

  @Test
  void shouldCountAndReportKeysExactlyWhileTheirSetHasRoom() {
    HeavyHitters sketch = new HeavyHitters(1, 1);
    List<Long> keys = keysOfOneSet(HeavyHitters.WAYS - 1); // one entry stays empty: nothing was ever evicted
    for (int i = 0; i < keys.size(); i++) {
      for (int n = 0; n <= i; n++) {
        sketch.values()[sketch.add(keys.get(i), 0, 0, 0, 1)]++;
      }
    }

    for (int i = 0; i < keys.size(); i++) {
      int at = sketch.add(keys.get(i), 0, 0, 0, 0);
      assertThat(sketch.values()[at]).as("key " + i).isEqualTo(i + 1);
      assertThat(sketch.reported(at)).as("exact, so reported").isTrue();
    }
  }

  @Test
  void shouldReplaceTheSmallestEntryAndCarryItsCountAsError() {
    HeavyHitters sketch = new HeavyHitters(1, 1);
    List<Long> keys = keysOfOneSet(HeavyHitters.WAYS + 1);
    for (int i = 0; i < HeavyHitters.WAYS; i++) {
      sketch.values()[sketch.add(keys.get(i), 0, 0, 0, 10 + i)] += 10 + i; // key 0 is the smallest: 10
    }
    long late = keys.get(HeavyHitters.WAYS);

    int at = sketch.add(late, 0, 0, 0, 5);
    sketch.values()[at] += 5;

    // The late key took key 0's entry: its own count (5) is exact, its error is 10, so it is not proven heavier
    // than key 0, which may still have had up to 10 packets: not reported.
    assertThat(sketch.values()[at]).isEqualTo(5);
    assertThat(sketch.reported(at)).isFalse();
    assertThat(sketch.key(at, 0)).isEqualTo(late);
    // The set's largest entry (key 7, 17 packets, no error) is proven heavier than any key the set let go.
    int largest = sketch.add(keys.get(HeavyHitters.WAYS - 1), 0, 0, 0, 0);
    assertThat(sketch.reported(largest)).isTrue();
  }

  @Test
  void shouldKeepAndReportAHeavyKeyAmongManyOneOffKeys() {
    HeavyHitters sketch = new HeavyHitters(2, 2);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 500_000; i++) {
      sketch.values()[sketch.add(random.nextLong(), random.nextLong(), 0, 0, 1)]++;
      if (i % 500 == 0) {
        int at = sketch.add(42, 43, 0, 0, 1);
        sketch.values()[at]++;
        sketch.values()[at + 1] += 1500;
      }
    }

    int heavy = -1;
    int reported = 0;
    for (int entry = 0; entry < sketch.entries(); entry++) {
      if (sketch.reported(entry)) {
        reported++;
        if (sketch.key(entry, 0) == 42 && sketch.key(entry, 1) == 43) {
          heavy = entry;
        }
      }
    }
    assertThat(heavy).isNotEqualTo(-1);
    assertThat(sketch.value(heavy, 0)).isEqualTo(1_000);
    assertThat(sketch.value(heavy, 1)).isEqualTo(1_500_000);
    assertThat(reported).as("one-off keys are never proven heavy").isEqualTo(1);
  }
}
