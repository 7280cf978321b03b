package io.netanal.serve;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collector's long-lived detection state (DESIGN.md section 8, "detect across all of them"): one
 * {@link SensorState} per sensor, fed by that sensor's uploads in order, and the {@link TargetWindows} merged
 * over all sensors.
 *
 * <p>A sensor's state is closed (its open windows closed, detected on and stored) when it has had no upload for
 * the idle timeout, when the collector stops, or when a new sensor needs room beyond {@value #MAX_SENSORS}
 * (the least recently fed is closed). Memory: at most {@value #MAX_SENSORS} states of about 8.5 MB each when
 * every window table is full, plus the merged windows (under 35 MB): about 310 MB at the very worst; a typical
 * sensor's tables hold its few hundred addresses (tables grow as needed).
 *
 * <p>Thread-safe: the map is guarded by this object's lock, each state by its own; a unit of work takes a state's
 * lock, never this one while holding it.
 */
final class CollectorDetection {
  static final int MAX_SENSORS = 32;

  /** A state closed outside an upload, with what closing it produced, to be stored. */
  record Flush(String sensor, DetectionOutput output) {}

  private final TargetWindows targets = new TargetWindows();
  private final long idleMillis;
  private final Map<String, SensorState> sensors = new LinkedHashMap<>(16, 0.75f, true);

  CollectorDetection(long idleMillis) {
    this.idleMillis = idleMillis;
  }

  /**
   * The state of {@code sensor}, locked for the caller (who must unlock it); created when absent. A state closed
   * to make room is added to {@code evicted}, for the caller to store.
   */
  SensorState lock(String sensor, long nowMillis, List<Flush> evicted) {
    while (true) {
      SensorState state;
      SensorState victim = null;
      synchronized (this) {
        state = sensors.get(sensor);
        if (state == null) {
          state = new SensorState(sensor, targets, nowMillis);
          sensors.put(sensor, state);
          if (sensors.size() > MAX_SENSORS) {
            Iterator<SensorState> eldest = sensors.values().iterator();
            victim = eldest.next();
            eldest.remove();
          }
        }
      }
      if (victim != null) {
        Flush f = close(victim);
        if (f != null) {
          evicted.add(f);
        }
      }
      state.lock.lock();
      if (!state.closed()) {
        return state;
      }
      state.lock.unlock(); // closed while this thread waited: take the new one
    }
  }

  /**
   * Drops a state whose unit of work could not be stored (the upload will be retried from the start); the
   * caller holds its lock and stores what the merged windows it released produced.
   */
  Flush discard(SensorState state) {
    synchronized (this) {
      sensors.remove(state.sensor(), state);
    }
    DetectionOutput out = new DetectionOutput();
    state.discard(out);
    return new Flush(state.sensor(), out);
  }

  /** Closes the states idle for the timeout; a state busy right now is left for the next call. */
  List<Flush> closeIdle(long nowMillis) {
    List<SensorState> idle = new ArrayList<>();
    synchronized (this) {
      for (SensorState s : sensors.values()) {
        if (nowMillis - s.lastUsedMillis() >= idleMillis) {
          idle.add(s);
        }
      }
    }
    List<Flush> flushes = new ArrayList<>();
    for (SensorState s : idle) {
      if (s.lock.tryLock()) {
        try {
          if (!s.closed() && nowMillis - s.lastUsedMillis() >= idleMillis) {
            synchronized (this) {
              sensors.remove(s.sensor(), s);
            }
            flushes.add(closeLocked(s));
          }
        } finally {
          s.lock.unlock();
        }
      }
    }
    return flushes;
  }

  /** Closes every state (shutdown, after the uploads in progress finished). */
  List<Flush> closeAll() {
    List<SensorState> all;
    synchronized (this) {
      all = new ArrayList<>(sensors.values());
      sensors.clear();
    }
    List<Flush> flushes = new ArrayList<>();
    for (SensorState s : all) {
      Flush f = close(s);
      if (f != null) {
        flushes.add(f);
      }
    }
    return flushes;
  }

  /** Sensors with open state. */
  synchronized int sensorsOpen() {
    return sensors.size();
  }

  TargetWindows targets() {
    return targets;
  }

  private Flush close(SensorState s) {
    s.lock.lock();
    try {
      return s.closed() ? null : closeLocked(s);
    } finally {
      s.lock.unlock();
    }
  }

  private static Flush closeLocked(SensorState s) {
    DetectionOutput out = new DetectionOutput();
    s.close(out);
    return new Flush(s.sensor(), out);
  }
}
