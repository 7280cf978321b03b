package io.netanal.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The first rows of a sorted table, with how many rows the whole table had and how many the cut left out. */
record TopRows<T>(List<T> rows, long total, long omitted) {

  /** Sorts {@code rows} (a mutable list, sorted in place) and keeps the first {@code top} ({@code <= 0}: all). */
  static <T> TopRows<T> of(List<T> rows, Comparator<? super T> order, int top) {
    return of(rows, order, top, rows.size());
  }

  /**
   * The first {@code top} ({@code <= 0}: all) of {@code rows} in {@code order}, out of a table of {@code total}
   * rows of which {@code rows} holds every one that can make the cut. When the cut is far shorter than the
   * candidates (a full table of one-packet addresses that tie), a bounded heap picks them: one comparison per
   * candidate instead of a sort of them all.
   */
  static <T> TopRows<T> of(List<T> rows, Comparator<? super T> order, int top, long total) {
    List<T> kept;
    if (top > 0 && rows.size() > top) {
      PriorityQueue<T> heap = new PriorityQueue<>(top + 1, order.reversed());
      for (T row : rows) {
        if (heap.size() < top) {
          heap.add(row);
        } else if (order.compare(row, heap.peek()) < 0) {
          heap.poll();
          heap.add(row);
        }
      }
      kept = new ArrayList<>(heap);
      kept.sort(order);
    } else {
      rows.sort(order);
      kept = rows;
    }
    return new TopRows<>(List.copyOf(kept), total, total - kept.size());
  }

  /** The {@code k}-th largest of {@code values} ({@code 1 <= k <= values.length}); sorts {@code values}. */
  static long kthLargest(long[] values, int k) {
    Arrays.sort(values);
    return values[values.length - k];
  }
}
