package io.netanal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TopFlowsTest {

  @ParameterizedTest
  @EnumSource(TopFlows.Order.class)
  void shouldKeepTheFlowsAFullSortPutsFirstWhenManyTieOnSizeAndStart(TopFlows.Order order) {
    // Few distinct packet counts, sizes, durations and starts: most comparisons tie on the first criteria, and the
    // Community ID (by port) decides.
    SplittableRandom random = new SplittableRandom(7);
    List<FlowRecord> all = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      long start = random.nextInt(4);
      all.add(record(start, start + random.nextInt(3), 1 + random.nextInt(3), 40 * (1 + random.nextInt(3)),
          1024 + i));
    }
    TopFlows top = new TopFlows(10, order);
    all.forEach(top::flowEnded);

    List<FlowRecord> sorted = new ArrayList<>(all);
    sorted.sort(order.rank.reversed());
    assertThat(top.sorted()).containsExactlyElementsOf(sorted.subList(0, 10));
  }

  @Test
  void shouldRankALaterFlowOfTheSameSizeBelowAnEarlierOne() {
    FlowRecord early = record(1, 2, 1, 40, 1024);
    FlowRecord late = record(5, 6, 1, 40, 1025);

    assertThat(TopFlows.Order.BYTES.quickCompare(late, early)).isNegative();
    assertThat(TopFlows.Order.BYTES.rank.compare(late, early)).isNegative();
    assertThat(TopFlows.Order.START.quickCompare(early, late)).isPositive();
  }

  private static FlowRecord record(long start, long end, long packets, long ipBytes, int port) {
    return new FlowRecord("x", start, end, "10.0.0.1", port, "10.0.0.2", 443, 6, -1, null, packets, 0, 0, 0,
        ipBytes, 0, "S0", "S", "evicted", null, null, 0, 0, List.of(), 0, null, null);
  }
}
