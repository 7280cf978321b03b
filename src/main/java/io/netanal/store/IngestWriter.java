package io.netanal.store;

import io.netanal.report.NameRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Writes one {@link IngestResult} inside the caller's transaction: the file row first (its key decides whether
 * this is a duplicate), then the sensor, the window rows (upserts that add to rows other files started), flows
 * and alerts.
 *
 * <p>One instance per transaction, on the thread that holds the connection.
 */
final class IngestWriter {
  private static final String INSERT_FILE = "INSERT INTO ingested_files (idempotency_key, sensor, received_ms, "
      + "size_bytes, format, packets, bytes, first_ns, last_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
      + "ON CONFLICT (idempotency_key) DO NOTHING";
  private static final String UPSERT_SENSOR = "INSERT INTO sensors (name, first_seen_ms, last_seen_ms, files, "
      + "packets, bytes, last_packet_ns) VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
      + "last_seen_ms = excluded.last_seen_ms, files = sensors.files + 1, "
      + "packets = sensors.packets + excluded.packets, bytes = sensors.bytes + excluded.bytes, "
      + "last_packet_ns = CASE WHEN sensors.last_packet_ns IS NULL OR excluded.last_packet_ns > "
      + "sensors.last_packet_ns THEN excluded.last_packet_ns ELSE sensors.last_packet_ns END";
  private static final String UPSERT_TRAFFIC = "INSERT INTO traffic_windows (window_seconds, start_s, packets, "
      + "bytes) VALUES (?, ?, ?, ?) ON CONFLICT (window_seconds, start_s) DO UPDATE SET "
      + "packets = traffic_windows.packets + excluded.packets, bytes = traffic_windows.bytes + excluded.bytes";
  private static final String UPSERT_SOURCE = "INSERT INTO source_windows (window_seconds, address, start_s, "
      + "packets, bytes) VALUES (?, ?, ?, ?, ?) ON CONFLICT (window_seconds, address, start_s) DO UPDATE SET "
      + "packets = source_windows.packets + excluded.packets, bytes = source_windows.bytes + excluded.bytes";
  private static final String UPSERT_PROTOCOL = "INSERT INTO protocol_windows (window_seconds, start_s, protocol, "
      + "layer, packets, bytes) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (window_seconds, start_s, protocol) DO "
      + "UPDATE SET packets = protocol_windows.packets + excluded.packets, "
      + "bytes = protocol_windows.bytes + excluded.bytes";
  private static final String UPSERT_NAME = "INSERT INTO address_names (address, name, source, last_ns) "
      + "VALUES (?, ?, ?, ?) ON CONFLICT (address) DO UPDATE SET name = excluded.name, source = excluded.source, "
      + "last_ns = excluded.last_ns WHERE excluded.last_ns >= address_names.last_ns";
  /** The columns of {@code address_names}: longer values are not stored (a name is cut, an address skipped). */
  private static final int MAX_NAME = 255;
  private static final int MAX_ADDRESS = 45;
  private static final int MAX_NAME_SOURCE = 16;
  private static final String INSERT_FLOW = "INSERT INTO flows (file_key, seq, sensor, start_ns, end_ns, protocol, "
      + "source_address, source_port, destination_address, destination_port, packets, bytes, state) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_ALERT = "INSERT INTO alerts (file_key, seq, sensor, time_ns, kind, severity, "
      + "address, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  /** A window cut in two parts (idle close, restart) keeps the part with more traffic. */
  private static final String UPSERT_FEATURES = "INSERT INTO window_features (window_seconds, start_s, address, "
      + "sensor, " + FeatureColumns.sqlNames() + ") VALUES (?, ?, ?, ?" + ", ?".repeat(FeatureColumns.ALL.size())
      + ") ON CONFLICT (window_seconds, address, start_s, sensor) DO UPDATE SET " + replaceAll()
      + " WHERE excluded.packets + excluded.packets_received > window_features.packets "
      + "+ window_features.packets_received";
  private static final int MAX_SENSOR = 64;

  private final Connection c;

  IngestWriter(Connection c) {
    this.c = c;
  }

  /** False when the key is already stored: the caller rolls back and reports a duplicate. */
  boolean insertFile(IngestResult r, long nowMillis) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_FILE)) {
      s.setString(1, r.key());
      s.setString(2, r.sensor());
      s.setLong(3, nowMillis);
      s.setLong(4, r.sizeBytes());
      s.setString(5, r.report().source().format());
      s.setLong(6, r.report().summary().packets());
      s.setLong(7, r.report().summary().bytes());
      setNullableLong(s, 8, r.firstNanos());
      setNullableLong(s, 9, r.lastNanos());
      return s.executeUpdate() == 1;
    }
  }

  void upsertSensor(IngestResult r, long nowMillis) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPSERT_SENSOR)) {
      s.setString(1, r.sensor());
      s.setLong(2, nowMillis);
      s.setLong(3, nowMillis);
      s.setLong(4, r.report().summary().packets());
      s.setLong(5, r.report().summary().bytes());
      setNullableLong(s, 6, r.lastNanos());
      s.executeUpdate();
    }
  }

  void upsertWindows(IngestResult r) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPSERT_TRAFFIC)) {
      for (TrafficWindowRow row : r.traffic()) {
        s.setInt(1, row.window().seconds());
        s.setLong(2, row.startSeconds());
        s.setLong(3, row.packets());
        s.setLong(4, row.bytes());
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s = c.prepareStatement(UPSERT_SOURCE)) {
      for (SourceWindowRow row : r.sources()) {
        s.setInt(1, row.window().seconds());
        s.setString(2, row.address());
        s.setLong(3, row.startSeconds());
        s.setLong(4, row.packets());
        s.setLong(5, row.bytes());
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s = c.prepareStatement(UPSERT_PROTOCOL)) {
      for (ProtocolWindowRow row : r.protocols()) {
        s.setInt(1, row.window().seconds());
        s.setLong(2, row.startSeconds());
        s.setString(3, row.protocol());
        s.setString(4, row.layer());
        s.setLong(5, row.packets());
        s.setLong(6, row.bytes());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static String replaceAll() {
    StringBuilder b = new StringBuilder();
    for (FeatureColumns.Column col : FeatureColumns.ALL) {
      b.append(b.length() == 0 ? "" : ", ").append(col.sql()).append(" = excluded.").append(col.sql());
    }
    return b.toString();
  }

  /** The features of closed windows; an address longer than the column (none is) is skipped. */
  void upsertFeatures(List<FeatureRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(UPSERT_FEATURES)) {
      for (FeatureRow row : rows) {
        if (row.features().address().length() > MAX_ADDRESS) {
          continue;
        }
        s.setInt(1, row.window().seconds());
        s.setLong(2, row.startSeconds());
        s.setString(3, row.features().address());
        s.setString(4, row.sensor());
        FeatureColumns.bind(s, 5, row.features());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Alerts under {@code unitKey} (a file's key, or a detection flush's), numbered from 0. */
  void insertAlerts(String unitKey, String sensor, List<AlertRow> alerts) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_ALERT)) {
      int seq = 0;
      for (AlertRow a : alerts) {
        String by = a.sensor() == null ? sensor : a.sensor();
        s.setString(1, unitKey);
        s.setInt(2, seq++);
        s.setString(3, by.length() > MAX_SENSOR ? by.substring(0, MAX_SENSOR) : by);
        s.setLong(4, a.timeNanos());
        s.setString(5, a.kind());
        s.setString(6, a.severity());
        s.setString(7, a.address());
        s.setString(8, a.message());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  void insertFlowsAndAlerts(IngestResult r) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_FLOW)) {
      int seq = 0;
      for (FlowRow f : r.flows()) {
        s.setString(1, r.key());
        s.setInt(2, seq++);
        s.setString(3, r.sensor());
        s.setLong(4, f.startNanos());
        s.setLong(5, f.endNanos());
        s.setString(6, f.protocol());
        s.setString(7, f.sourceAddress());
        s.setInt(8, f.sourcePort());
        s.setString(9, f.destinationAddress());
        s.setInt(10, f.destinationPort());
        s.setLong(11, f.packets());
        s.setLong(12, f.bytes());
        s.setString(13, f.state());
        s.addBatch();
      }
      s.executeBatch();
    }
    insertAlerts(r.key(), r.sensor(), r.alerts());
  }

  /** The names the file's report learnt, newer than (or as new as) the stored ones replacing them. */
  void upsertNames(IngestResult r) throws SQLException {
    List<NameRow> names = r.report().names();
    if (names == null || names.isEmpty() || r.lastNanos() == null) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(UPSERT_NAME)) {
      for (NameRow n : names) {
        if (n.address().length() > MAX_ADDRESS) {
          continue;
        }
        s.setString(1, n.address());
        s.setString(2, n.name().length() > MAX_NAME ? n.name().substring(0, MAX_NAME) : n.name());
        String source = n.source() == null ? "" : n.source();
        s.setString(3, source.length() > MAX_NAME_SOURCE ? source.substring(0, MAX_NAME_SOURCE) : source);
        s.setLong(4, r.lastNanos());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void setNullableLong(PreparedStatement s, int index, Long value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, value);
    }
  }
}
