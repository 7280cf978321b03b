package io.netanal.serve;

import io.netanal.detect.Alert;
import io.netanal.frame.TimestampFormat;
import io.netanal.store.AlertRow;
import io.netanal.store.FeatureRow;
import io.netanal.store.WindowSize;
import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * What the collector's detection state produced during one unit of work (an upload fed, a quiet sensor closed,
 * shutdown): the features of the windows that closed, and the alert episodes raised, to be stored together.
 *
 * <p>Owned by the thread doing the unit of work (the detection state writes into it while that thread holds the
 * state's lock).
 */
final class DetectionOutput {
  /** The alerts table's message column. */
  private static final int MAX_MESSAGE = 500;

  private final List<FeatureRow> features = new ArrayList<>();
  private final List<Alert> alerts = new ArrayList<>();
  private final List<String> alertSensors = new ArrayList<>();
  private long latePackets;

  /** Every record of a closed window of a size the store keeps, as one sensor saw it. */
  void windowClosed(String sensor, ClosedWindow w) {
    WindowSize size = WindowSize.ofSeconds((int) ((w.endNanos() - w.startNanos()) / 1_000_000_000L));
    long startSeconds = Math.floorDiv(w.startNanos(), 1_000_000_000L);
    for (WindowRecord r : w.records()) {
      features.add(new FeatureRow(sensor, size, startSeconds, r));
    }
  }

  /** An episode raised; {@code sensors} names whose traffic raised it (null: the unit's own sensor). */
  void alertRaised(Alert alert, String sensors) {
    alerts.add(alert);
    alertSensors.add(sensors);
  }

  /** Replaces the alert at {@code i} by a newer version of its episode (grown later in the same unit). */
  void updateAlert(int i, Alert newer) {
    alerts.set(i, newer);
  }

  List<Alert> alerts() {
    return alerts;
  }

  void addLate(long packets) {
    latePackets += packets;
  }

  long latePackets() {
    return latePackets;
  }

  List<FeatureRow> features() {
    return features;
  }

  boolean isEmpty() {
    return features.isEmpty() && alerts.isEmpty();
  }

  /** One row per episode: its start, type, severity, source and summary (cut to the column), its sensors. */
  List<AlertRow> alertRows() {
    List<AlertRow> rows = new ArrayList<>(alerts.size());
    for (int i = 0; i < alerts.size(); i++) {
      Alert a = alerts.get(i);
      String message = a.summary().length() > MAX_MESSAGE ? a.summary().substring(0, MAX_MESSAGE) : a.summary();
      java.time.Instant t = TimestampFormat.parse(a.start());
      rows.add(new AlertRow(t.getEpochSecond() * 1_000_000_000L + t.getNano(), a.type(), a.severity(),
          a.source() == null ? Alert.MANY : a.source(), message, alertSensors.get(i)));
    }
    return rows;
  }
}
