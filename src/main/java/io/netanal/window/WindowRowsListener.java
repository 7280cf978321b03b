package io.netanal.window;

/**
 * Receives each window as it closes, in place, in order of closing; called on the thread that feeds the
 * aggregator. The {@link WindowRows} is valid only during the call.
 */
@FunctionalInterface
public interface WindowRowsListener {
  void windowClosed(WindowRows rows);
}
