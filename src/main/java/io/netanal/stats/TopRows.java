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

  /**
   * The fewest packets a row can have and still make a cut to {@code top} of {@code total} rows, or
   * {@code Long.MIN_VALUE} when no row is cut: the {@code top}-th largest packet count over the rows of both
   * tables and the {@code extra} rows' counts. Rows with fewer packets need not become row objects at all.
   */
  static long packetThreshold(int top, long total, CounterTable ipv4, CounterTable ipv6, long... extra) {
    if (top <= 0 || total <= top) {
      return Long.MIN_VALUE;
    }
    long[] packets = new long[ipv4.size() + ipv6.size() + extra.length];
    int n = 0;
    for (CounterTable table : List.of(ipv4, ipv6)) {
      for (int slot = 0; slot < table.slots(); slot++) {
        if (table.used(slot)) {
          packets[n++] = packets(table, slot);
        }
      }
    }
    System.arraycopy(extra, 0, packets, n, extra.length);
    Arrays.sort(packets);
    return packets[packets.length - top];
  }

  /**
   * A row's packets: value words 0 and 1 hold them, one per direction, in both the endpoint and the conversation
   * table.
   */
  static long packets(CounterTable table, int slot) {
    return table.value(slot, 0) + table.value(slot, 1);
  }
}
