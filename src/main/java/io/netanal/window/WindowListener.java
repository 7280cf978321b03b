package io.netanal.window;

/** Receives each window as it closes, in order of closing; called on the thread that feeds the aggregator. */
@FunctionalInterface
public interface WindowListener {
  void windowClosed(ClosedWindow window);
}
