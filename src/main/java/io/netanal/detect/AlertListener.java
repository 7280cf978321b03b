package io.netanal.detect;

/** Receives each alert when its episode is first raised; called on the thread that feeds the windows. */
@FunctionalInterface
public interface AlertListener {
  void alertRaised(Alert alert);
}
