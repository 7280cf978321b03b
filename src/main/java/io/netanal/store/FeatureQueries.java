package io.netanal.store;

import io.netanal.frame.TimestampFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read side of {@code window_features}: each row as {@code {window, startSeconds, start, end, sensor,
 * address}} and then the features in {@link FeatureColumns} order, under the {@code netanal.window/1} names.
 *
 * <p>Stateless apart from the database; any thread.
 */
final class FeatureQueries {
  private static final String COLUMNS = "SELECT start_s, sensor, address, " + FeatureColumns.sqlNames()
      + " FROM window_features WHERE window_seconds = ? AND start_s >= ? AND start_s < ?";

  private final Database db;

  FeatureQueries(Database db) {
    this.db = db;
  }

  /** Oldest first; within a window by address and sensor; {@code address} null for every address. */
  List<Map<String, Object>> features(WindowSize window, String address, TimeRange range, int limit) {
    Sql.RowMapper<Map<String, Object>> row = rs -> {
      Map<String, Object> m = new LinkedHashMap<>();
      long start = rs.getLong(1);
      m.put("window", window.label());
      m.put("startSeconds", start);
      m.put("start", TimestampFormat.format(start * 1_000_000_000L));
      m.put("end", TimestampFormat.format((start + window.seconds()) * 1_000_000_000L));
      m.put("sensor", rs.getString(2));
      m.put("address", rs.getString(3));
      FeatureColumns.read(rs, 4, m);
      return m;
    };
    if (address == null) {
      return Sql.list(db, "features", COLUMNS + " ORDER BY start_s, address, sensor LIMIT ?", row,
          window.seconds(), range.fromSeconds(), range.toSeconds(), limit);
    }
    return Sql.list(db, "features", COLUMNS + " AND address = ? ORDER BY start_s, sensor LIMIT ?", row,
        window.seconds(), range.fromSeconds(), range.toSeconds(), address, limit);
  }
}
