package io.netanal.flow;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's {@code flows} section as it is gathered: flows counted by state, service and end reason, and the
 * largest flows by bytes, from the records as they end. Bounded: the maps have one key per state, service and
 * reason; the top list is a bounded heap.
 *
 * <p>A {@link FlowListener} fed by one thread; {@link #snapshot} is taken by that thread or after it finished.
 */
public final class FlowSummary implements FlowListener {
  private final TopFlows top;
  // Mutable counts, so counting a record (once per flow: a flood's every packet) neither boxes nor compares text.
  private final Counts byState = new Counts();
  private final Counts byService = new Counts();
  private final Counts byEnd = new Counts();
  private long total;

  public FlowSummary(int top) {
    this.top = top > 0 ? new TopFlows(top, TopFlows.Order.BYTES) : null;
  }

  @Override
  public void flowEnded(FlowRecord flow) {
    count(flow.state(), flow.service(), flow.end());
    if (top != null) {
      top.flowEnded(flow);
    }
  }

  /** As {@link #flowEnded(FlowRecord)}, from the view: the record is made only for a flow the top list takes. */
  @Override
  public void flowEnded(EndedFlow flow) {
    count(flow.state(), flow.service(), flow.end());
    if (top != null) {
      top.flowEnded(flow);
    }
  }

  private void count(String state, String service, String end) {
    total++;
    byState.add(state);
    byService.add(service == null ? "-" : service);
    byEnd.add(end);
  }

  public long total() {
    return total;
  }

  /** The section, with {@code evicted} as the flow tables counted it. */
  public Snapshot snapshot(long evicted) {
    return new Snapshot(total, mostFirst(byState.snapshot()), mostFirst(byService.snapshot()),
        mostFirst(byEnd.snapshot()), evicted, top == null ? List.of() : top.sorted());
  }

  /**
   * Counts by name. The names are a record's constants, and records in a row mostly share them (a flood's are
   * all "S0" and "evicted"): the count of the name counted last is kept at hand, so such a record is counted
   * without hashing.
   */
  private static final class Counts {
    private final Map<String, long[]> counts = new HashMap<>();
    private String lastKey;
    private long[] lastCount;

    void add(String key) {
      if (key != lastKey || lastCount == null) {
        long[] count = counts.get(key);
        if (count == null) {
          count = new long[1];
          counts.put(key, count);
        }
        lastKey = key;
        lastCount = count;
      }
      lastCount[0]++;
    }

    Map<String, Long> snapshot() {
      Map<String, Long> out = new TreeMap<>();
      counts.forEach((key, count) -> out.put(key, count[0]));
      return out;
    }
  }

  /** Counts ordered most first, then by name. */
  static Map<String, Long> mostFirst(Map<String, Long> counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The report's {@code flows}: {@code total, byState, byService, byEnd, evicted, top}. */
  public record Snapshot(long total, Map<String, Long> byState, Map<String, Long> byService, Map<String, Long> byEnd,
      long evicted, List<FlowRecord> top) {
    public Snapshot {
      byState = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byState));
      byService = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byService));
      byEnd = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byEnd));
      top = List.copyOf(top);
    }
  }
}
