package io.netanal.stats;

import java.util.Comparator;
import java.util.List;

/** The first rows of a sorted table, with how many rows the whole table had and how many the cut left out. */
record TopRows<T>(List<T> rows, long total, long omitted) {

  /** Sorts {@code rows} (a mutable list, sorted in place) and keeps the first {@code top} ({@code <= 0}: all). */
  static <T> TopRows<T> of(List<T> rows, Comparator<? super T> order, int top) {
    rows.sort(order);
    int total = rows.size();
    int kept = top <= 0 ? total : Math.min(top, total);
    return new TopRows<>(List.copyOf(rows.subList(0, kept)), total, total - kept);
  }
}
