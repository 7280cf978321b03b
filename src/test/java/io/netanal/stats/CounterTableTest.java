package io.netanal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CounterTableTest {

  @Test
  void shouldReturnSameSlotForSameKeyAndDistinctSlotsForOthers() {
    CounterTable table = new CounterTable(2, 3, 100);

    int first = table.slotOf(1, 2, 0, 0);
    table.add(first, 5);
    int again = table.slotOf(1, 2, 0, 0);
    int other = table.slotOf(2, 1, 0, 0);

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(table.get(again)).isEqualTo(5);
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void shouldCompareEveryKeyWordOfFourWordKeys() {
    CounterTable table = new CounterTable(4, 1, 100);

    table.add(table.slotOf(1, 2, 3, 4), 1);
    table.add(table.slotOf(1, 2, 3, 5), 10);

    assertThat(table.size()).isEqualTo(2);
    assertThat(table.get(table.slotOf(1, 2, 3, 4))).isEqualTo(1);
    assertThat(table.get(table.slotOf(1, 2, 3, 5))).isEqualTo(10);
  }

  @Test
  void shouldKeepCountsWhenGrowing() {
    CounterTable table = new CounterTable(1, 1, 100_000);
    for (long key = 0; key < 50_000; key++) {
      table.add(table.slotOf(key, 0, 0, 0), key);
    }

    assertThat(table.size()).isEqualTo(50_000);
    for (long key = 0; key < 50_000; key++) {
      assertThat(table.get(table.slotOf(key, 0, 0, 0))).isEqualTo(key);
    }
    assertThat(table.size()).isEqualTo(50_000);
  }

  @Test
  void shouldRefuseNewKeysWhenFullButStillFindKnownOnes() {
    CounterTable table = new CounterTable(1, 1, 3);
    table.slotOf(10, 0, 0, 0);
    table.slotOf(20, 0, 0, 0);
    int third = table.slotOf(30, 0, 0, 0);

    assertThat(table.slotOf(40, 0, 0, 0)).isEqualTo(CounterTable.FULL);
    assertThat(table.slotOf(30, 0, 0, 0)).isEqualTo(third);
    assertThat(table.size()).isEqualTo(3);
  }

  @Test
  void shouldFindEveryKeyOfAFullTableThroughItsFilterAndTurnAwayNewOnes() {
    CounterTable table = new CounterTable(2, 1, 50_000);
    for (long key = 0; key < 50_000; key++) {
      table.add(table.slotOf(key * 7919, ~key, 0, 0), key);
    }
    assertThat(table.size()).isEqualTo(50_000);

    for (long key = 0; key < 50_000; key++) {
      int at = table.slotOf(key * 7919, ~key, 0, 0);
      assertThat(at).isNotEqualTo(CounterTable.FULL);
      assertThat(table.get(at)).isEqualTo(key);
      assertThat(table.indexOf(key * 7919, ~key, 0, 0)).isEqualTo(at);
    }
    for (long key = 50_000; key < 100_000; key++) {
      assertThat(table.slotOf(key * 7919, ~key, 0, 0)).isEqualTo(CounterTable.FULL);
      assertThat(table.indexOf(key * 7919, ~key, 0, 0)).isEqualTo(-1);
    }
    assertThat(table.size()).isEqualTo(50_000);
  }

  @Test
  void shouldStopGrowingAtTheSlotsTheCapNeeds() {
    CounterTable table = new CounterTable(1, 4, 1000);
    for (long key = 0; key < 100_000; key++) {
      table.slotOf(key, 0, 0, 0);
    }

    assertThat(table.size()).isEqualTo(1000);
    assertThat(table.slots()).isEqualTo(CounterTable.slotsFor(1000)).isEqualTo(2048);
    assertThat(table.memoryBytes()).isEqualTo(2048L * 6 * 8 + 2048L * CounterTable.FILTER_BITS_PER_SLOT / 8);
  }

  @Test
  void shouldSizeSlotsForAtMostEightyPercentLoad() {
    assertThat(CounterTable.slotsFor(1)).isEqualTo(2);
    assertThat(CounterTable.slotsFor(200_000)).isEqualTo(262_144);
    assertThat(CounterTable.slotsFor(209_715)).isEqualTo(262_144);
    assertThat(CounterTable.slotsFor(209_716)).isEqualTo(524_288);
  }

  @Test
  void shouldRejectCapOutsideRange() {
    assertThatThrownBy(() -> new CounterTable(1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEntries: 0 (expected: 1 to 16777216)");
    assertThatThrownBy(() -> new CounterTable(3, 1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keyWords: 3 (expected: 1, 2 or 4)");
  }
}
