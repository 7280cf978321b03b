package io.netanal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The collector's storage service: stores an ingested file in one transaction, answers the API's queries, and
 * applies retention. The only entry point to the {@code store} package for the layers above.
 *
 * <p>Thread-safe: any number of threads may ingest and query at once (writes are serialised, see
 * {@link Database}).
 */
public final class Store implements AutoCloseable {
  private final Database db;
  private final TrafficQueries traffic;
  private final ActivityQueries activity;
  private final FeatureQueries features;
  private final LongSupplier clock;

  public Store(Database db) {
    this(db, System::currentTimeMillis);
  }

  Store(Database db, LongSupplier clockMillis) {
    this.db = db;
    this.traffic = new TrafficQueries(db);
    this.activity = new ActivityQueries(db);
    this.features = new FeatureQueries(db);
    this.clock = clockMillis;
  }

  public Database database() {
    return db;
  }

  /**
   * Stores {@code result} in one transaction, or nothing when its key is already stored (then
   * {@link StoredIngest#duplicate()} is true). A failure rolls everything of this file back.
   */
  public StoredIngest ingest(IngestResult result) {
    ReentrantLock lock = db.writeLock();
    lock.lock();
    Connection c = null;
    try {
      c = db.borrow();
      c.setAutoCommit(false);
      long now = clock.getAsLong();
      IngestWriter writer = new IngestWriter(c);
      boolean fresh = writer.insertFile(result, now);
      if (fresh) {
        writer.upsertSensor(result, now);
        writer.upsertWindows(result);
        writer.insertFlowsAndAlerts(result);
        writer.upsertFeatures(result.features());
        writer.upsertNames(result);
        c.commit();
      } else {
        c.rollback();
      }
      return new StoredIngest(result.report().summary().packets(), result.windowRows(), result.features().size(),
          result.flows().size(), result.flowsOmitted(), result.alerts().size(), result.latePackets(), !fresh);
    } catch (SQLException e) {
      throw new StoreException("ingest: storing " + result.key() + " failed, nothing stored (" + e.getMessage()
          + ")", e);
    } finally {
      if (c != null) {
        db.release(c);
      }
      lock.unlock();
    }
  }

  /**
   * Stores, in one transaction, window features and alerts that closed outside any upload (a sensor gone quiet,
   * shutdown); the alerts are keyed {@code unitKey}, which must be new. A failure stores nothing.
   */
  public void storeDetection(String unitKey, String sensor, List<FeatureRow> features, List<AlertRow> alerts) {
    ReentrantLock lock = db.writeLock();
    lock.lock();
    Connection c = null;
    try {
      c = db.borrow();
      c.setAutoCommit(false);
      IngestWriter writer = new IngestWriter(c);
      writer.upsertFeatures(features);
      writer.insertAlerts(unitKey, sensor, alerts);
      c.commit();
    } catch (SQLException e) {
      throw new StoreException("detection: storing " + unitKey + " failed, nothing stored (" + e.getMessage()
          + ")", e);
    } finally {
      if (c != null) {
        db.release(c);
      }
      lock.unlock();
    }
  }

  /** True when a file with this idempotency key is stored. */
  public boolean hasFile(String key) {
    return activity.hasFile(key);
  }

  public Totals totals(TimeRange range) {
    return traffic.totals(range);
  }

  public List<ProtocolTotal> protocols(TimeRange range, int limit) {
    return traffic.protocols(range, limit);
  }

  public List<SourceTotal> topSources(TimeRange range, int limit) {
    return traffic.topSources(range, limit);
  }

  public List<SourceWindowRow> features(WindowSize window, String address, TimeRange range, int limit) {
    return traffic.features(window, address, range, limit);
  }

  /**
   * The stored window features ({@code netanal.window/1} per address, window and sensor), oldest first; each row
   * a map from the API's field names to values, in the order of {@link FeatureQueries}.
   */
  public List<Map<String, Object>> windowFeatures(WindowSize window, String address, TimeRange range, int limit) {
    return features.features(window, address, range, limit);
  }

  public List<TrafficPoint> series(WindowSize window, int limit) {
    return traffic.series(window, limit);
  }

  public List<StoredFlow> flows(TimeRange range, int limit) {
    return activity.flows(range, limit);
  }

  public List<StoredAlert> alerts(TimeRange range, int limit) {
    return activity.alerts(range, limit);
  }

  public List<SensorStatus> sensors(int limit) {
    return activity.sensors(limit);
  }

  /**
   * Deletes window rows older than the retention of their size (measured from the newest window of that size),
   * and flows, alerts and address names older than the longest retention; returns the rows deleted.
   */
  public long applyRetention(Retention retention) {
    long deleted = 0;
    for (Map.Entry<WindowSize, Duration> e : retention.keep().entrySet()) {
      int size = e.getKey().seconds();
      Long newest = Sql.list(db, "retention", "SELECT MAX(start_s) FROM traffic_windows WHERE window_seconds = ?",
          rs -> Sql.nullableLong(rs, 1), size).get(0);
      if (newest != null) {
        long cutoff = newest - e.getValue().toSeconds();
        for (String table : new String[] {"traffic_windows", "source_windows", "protocol_windows",
            "window_features"}) {
          deleted += delete("DELETE FROM " + table + " WHERE window_seconds = ? AND start_s < ?", size, cutoff);
        }
      }
    }
    Long newestPacket = Sql.list(db, "retention", "SELECT MAX(last_ns) FROM ingested_files",
        rs -> Sql.nullableLong(rs, 1)).get(0);
    if (newestPacket != null) {
      long cutoff = newestPacket - retention.longest().toNanos();
      deleted += delete("DELETE FROM flows WHERE start_ns < ?", cutoff);
      deleted += delete("DELETE FROM alerts WHERE time_ns < ?", cutoff);
      deleted += delete("DELETE FROM address_names WHERE last_ns < ?", cutoff);
    }
    return deleted;
  }

  private long delete(String sql, Object... params) {
    ReentrantLock lock = db.writeLock();
    lock.lock();
    Connection c = db.borrow();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("retention: delete failed (" + e.getMessage() + ")", e);
    } finally {
      db.release(c);
      lock.unlock();
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
