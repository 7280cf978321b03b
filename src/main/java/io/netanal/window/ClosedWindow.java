package io.netanal.window;

import java.util.List;

/**
 * A window that closed: its size and bounds, one {@link WindowRecord} per address (by packets sent, then received,
 * then address), the packets counted in the {@code other} row because the address table was full, and the
 * distinct counts that stopped at their exact bound because the sketch budget was spent.
 */
public record ClosedWindow(String window, long startNanos, long endNanos, List<WindowRecord> records,
    long overflowPackets, long saturatedCounts) {
  public ClosedWindow {
    records = List.copyOf(records);
  }

  public double seconds() {
    return (endNanos - startNanos) / 1e9;
  }
}
