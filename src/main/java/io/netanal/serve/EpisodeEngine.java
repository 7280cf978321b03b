package io.netanal.serve;

import io.netanal.detect.Alert;
import io.netanal.detect.AlertEngine;
import io.netanal.detect.AlertListener;
import io.netanal.detect.AlertType;
import io.netanal.detect.DetectionSettings;
import io.netanal.frame.TimestampFormat;
import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowRows;
import io.netanal.window.WindowSizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * An {@link AlertEngine} (the default detectors and thresholds of {@code analyze}) that lives as long as the
 * collector's state for a sensor, or for all sensors' targets, and passes on only the alert types it is
 * responsible for: the source-side ones for a sensor, the victim-side ones for the merged targets (each episode is
 * then raised once, by one engine).
 *
 * <p>Bounded: past {@value #MAX_EPISODES} episodes the engine starts afresh (its episodes and flood baselines are
 * forgotten; an episode still going on is then raised once more). Owned by the thread holding its owner's lock.
 */
final class EpisodeEngine implements AlertListener {
  static final int MAX_EPISODES = 1000;
  /** The detectors that read what an address received: a victim seen through several sensors. */
  static final Set<String> VICTIM_SIDE = Set.of(AlertType.SYN_FLOOD.id(), AlertType.UDP_FLOOD.id(),
      AlertType.ICMP_FLOOD.id(), AlertType.DNS_AMPLIFICATION.id());

  private final boolean victimSide;
  private AlertEngine engine;
  private DetectionOutput out;
  private Function<Alert, String> sensors;
  /** Indexes into the current output of the alerts this engine raised in the unit of work. */
  private final List<Integer> raised = new ArrayList<>();
  private DetectionOutput raisedInto;

  EpisodeEngine(boolean victimSide) {
    this.victimSide = victimSide;
    this.engine = newEngine();
  }

  private AlertEngine newEngine() {
    return new AlertEngine(DetectionSettings.defaults(), WindowSizes.BASE_NANOS, this, null);
  }

  /** Runs the detectors over {@code w}; episodes raised go to {@code into}, naming {@code sensorsOf(alert)}. */
  void windowClosed(ClosedWindow w, DetectionOutput into, Function<Alert, String> sensorsOf) {
    if (raisedInto != into) {
      raised.clear();
      raisedInto = into;
    }
    out = into;
    sensors = sensorsOf;
    try {
      engine.windowClosed(WindowRows.of(w));
    } finally {
      out = null;
      sensors = null;
    }
  }

  @Override
  public void alertRaised(Alert alert) {
    if (VICTIM_SIDE.contains(alert.type()) == victimSide) {
      raised.add(out.alerts().size());
      out.alertRaised(alert, sensors.apply(alert));
    }
  }

  /**
   * At the end of a unit of work: the alerts raised into {@code into} become their episode as it stands now
   * (later windows of the same unit may have grown it: span, severity, strongest evidence); then the engine
   * starts afresh if it holds too many episodes.
   */
  void settle(DetectionOutput into) {
    if (raisedInto == into && !raised.isEmpty()) {
      List<Alert> now = engine.alerts();
      for (int i : raised) {
        Alert first = into.alerts().get(i);
        for (int k = now.size() - 1; k >= 0; k--) {
          Alert a = now.get(k);
          if (a.type().equals(first.type()) && Objects.equals(a.source(), first.source())
              && Objects.equals(a.target(), first.target())
              && !TimestampFormat.parse(a.start()).isAfter(TimestampFormat.parse(first.start()))) {
            into.updateAlert(i, a);
            break;
          }
        }
      }
    }
    raised.clear();
    raisedInto = null;
    if (engine.alerts().size() >= MAX_EPISODES) {
      engine = newEngine();
    }
  }
}
