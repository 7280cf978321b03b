package io.netanal.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps the first {@code limit} flow records by an order (largest by packets, bytes or duration; earliest start),
 * in a bounded heap, so a file of millions of flows is sorted in constant memory.
 *
 * <p>A {@link FlowListener} fed by one thread; {@link #sorted()} is read by that thread or after it finished.
 */
public final class TopFlows implements FlowListener {
  /** What the flows are ranked by. */
  public enum Order {
    PACKETS(Comparator.comparingLong(FlowRecord::packets)),
    BYTES(Comparator.comparingLong(FlowRecord::ipBytes)),
    DURATION(Comparator.comparingLong(FlowRecord::durationNanos)),
    START(Comparator.comparingLong(FlowRecord::tsNanos).reversed());

    /** Ascending by "how good": the best flows are the greatest. */
    final Comparator<FlowRecord> rank;

    Order(Comparator<FlowRecord> rank) {
      // Ties are broken by start then Community ID, so the result does not depend on the order flows end in.
      this.rank = rank.thenComparing(Comparator.comparingLong(FlowRecord::tsNanos).reversed())
          .thenComparing(FlowRecord::communityId, Comparator.reverseOrder());
    }

    /**
     * {@link #rank}'s first two criteria, without its chain of comparator calls: the sign of {@code rank.compare(a,
     * b)} when not 0, else 0 (then only the whole rank tells). A full heap compares every ended flow with its
     * least, and most lose by the first criterion or the start (a flood's flows are all alike and each starts later
     * than the last).
     */
    int quickCompare(FlowRecord a, FlowRecord b) {
      return quickCompare(a.packets(), a.ipBytes(), a.durationNanos(), a.tsNanos(), b);
    }

    /** {@link #quickCompare(FlowRecord, FlowRecord)} of a flow given by its numbers. */
    int quickCompare(long packets, long ipBytes, long durationNanos, long tsNanos, FlowRecord b) {
      int c = switch (this) {
        case PACKETS -> Long.compare(packets, b.packets());
        case BYTES -> Long.compare(ipBytes, b.ipBytes());
        case DURATION -> Long.compare(durationNanos, b.durationNanos());
        case START -> 0; // its one criterion is the start, the tie-break below
      };
      return c != 0 ? c : Long.compare(b.tsNanos(), tsNanos);
    }
  }

  private final int limit;
  private final Order order;
  private final PriorityQueue<FlowRecord> heap;

  public TopFlows(int limit, Order order) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
    }
    this.limit = limit;
    this.order = order;
    this.heap = new PriorityQueue<>(Math.min(limit, 1024) + 1, order.rank);
  }

  @Override
  public void flowEnded(FlowRecord flow) {
    if (heap.size() < limit) {
      heap.add(flow);
    } else if (beats(flow, heap.peek())) {
      heap.poll();
      heap.add(flow);
    }
  }

  /** As {@link #flowEnded(FlowRecord)}; the record is made only when the flow may enter. */
  @Override
  public void flowEnded(EndedFlow flow) {
    if (heap.size() >= limit && order.quickCompare(flow.packets(), flow.ipBytes(), flow.durationNanos(),
        flow.tsNanos(), heap.peek()) < 0) {
      return; // worse than the least kept by size or start: it would not enter
    }
    flowEnded(flow.record());
  }

  private boolean beats(FlowRecord flow, FlowRecord least) {
    int c = order.quickCompare(flow, least);
    return c > 0 || (c == 0 && order.rank.compare(flow, least) > 0);
  }

  /** The kept flows, best first. */
  public List<FlowRecord> sorted() {
    List<FlowRecord> list = new ArrayList<>(heap);
    list.sort(order.rank.reversed());
    return list;
  }
}
