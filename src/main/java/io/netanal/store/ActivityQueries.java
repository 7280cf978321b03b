package io.netanal.store;

import io.netanal.frame.TimestampFormat;
import java.time.Instant;
import java.util.List;

/**
 * The read side of flows, alerts and sensors.
 *
 * <p>Stateless apart from the database; any thread.
 */
final class ActivityQueries {
  private final Database db;

  ActivityQueries(Database db) {
    this.db = db;
  }

  /** Flows starting in the range, oldest first. */
  List<StoredFlow> flows(TimeRange range, int limit) {
    return Sql.list(db, "flows", "SELECT sensor, start_ns, end_ns, protocol, source_address, source_port, "
        + "destination_address, destination_port, packets, bytes, state FROM flows "
        + "WHERE start_ns >= ? AND start_ns < ? ORDER BY start_ns, file_key, seq LIMIT ?",
        rs -> new StoredFlow(rs.getString(1), TimestampFormat.format(rs.getLong(2)),
            TimestampFormat.format(rs.getLong(3)), rs.getString(4), rs.getString(5), rs.getInt(6),
            rs.getString(7), rs.getInt(8), rs.getLong(9), rs.getLong(10), rs.getString(11)),
        range.fromOrMin(), range.toOrMax(), limit);
  }

  /** Alerts in the range, newest first. */
  List<StoredAlert> alerts(TimeRange range, int limit) {
    return Sql.list(db, "alerts", "SELECT sensor, time_ns, kind, severity, address, message FROM alerts "
        + "WHERE time_ns >= ? AND time_ns < ? ORDER BY time_ns DESC, file_key, seq LIMIT ?",
        rs -> new StoredAlert(rs.getString(1), TimestampFormat.format(rs.getLong(2)), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6)),
        range.fromOrMin(), range.toOrMax(), limit);
  }

  List<SensorStatus> sensors(int limit) {
    return Sql.list(db, "sensors", "SELECT name, first_seen_ms, last_seen_ms, files, packets, bytes, "
        + "last_packet_ns FROM sensors ORDER BY name LIMIT ?",
        rs -> {
          Long lastPacket = Sql.nullableLong(rs, 7);
          return new SensorStatus(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)).toString(),
              Instant.ofEpochMilli(rs.getLong(3)).toString(), rs.getLong(4), rs.getLong(5), rs.getLong(6),
              lastPacket == null ? null : TimestampFormat.format(lastPacket));
        }, limit);
  }

  boolean hasFile(String key) {
    return !Sql.list(db, "ingest", "SELECT 1 FROM ingested_files WHERE idempotency_key = ?", rs -> 1, key)
        .isEmpty();
  }
}
