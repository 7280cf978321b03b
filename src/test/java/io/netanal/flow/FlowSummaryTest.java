package io.netanal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowSummaryTest {
  @Test
  void shouldCountStatesServicesAndEndsWhetherRecordsInARowShareThemOrNot() {
    FlowSummary summary = new FlowSummary(0);
    String sf = new String("SF"); // equal to the constant, another object: counted under the same name
    for (String[] r : new String[][] {{"S0", null, "evicted"}, {"S0", null, "evicted"}, {"SF", "dns", "fin"},
        {sf, "dns", "fin"}, {"S0", null, "idle"}, {"SF", "http", "fin"}, {"REJ", null, "rst"}}) {
      summary.flowEnded(record(r[0], r[1], r[2]));
    }

    FlowSummary.Snapshot snapshot = summary.snapshot(2);

    assertThat(snapshot.total()).isEqualTo(7);
    assertThat(snapshot.byState()).containsExactly(entry("S0", 3), entry("SF", 3), entry("REJ", 1));
    assertThat(snapshot.byService()).containsExactly(entry("-", 4), entry("dns", 2), entry("http", 1));
    assertThat(snapshot.byEnd()).containsExactly(entry("fin", 3), entry("evicted", 2), entry("idle", 1),
        entry("rst", 1));
    assertThat(snapshot.evicted()).isEqualTo(2);
  }

  private static Map.Entry<String, Long> entry(String key, long count) {
    return Map.entry(key, count);
  }

  private static FlowRecord record(String state, String service, String end) {
    return new FlowRecord("x", 0, 0, "10.0.0.1", 40000, "10.0.0.2", 443, 6, -1, service, 1, 0, 0, 0, 60, 0, state,
        "S", end, null, null, 0, 0, List.of(), 0, null, null);
  }
}
