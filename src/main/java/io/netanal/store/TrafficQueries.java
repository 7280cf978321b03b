package io.netanal.store;

import io.netanal.frame.TimestampFormat;
import java.util.Collections;
import java.util.List;

/**
 * The read side of the window tables and the file table: totals, protocols, top sources, per-source features
 * and the traffic series the dashboard draws.
 *
 * <p>Stateless apart from the database; any thread. Ranged sums read the coarsest window size whose boundaries
 * the range falls on, so "everything" reads the 3 min rows and an arbitrary range the exact 5 s rows.
 */
final class TrafficQueries {
  private final Database db;

  TrafficQueries(Database db) {
    this.db = db;
  }

  Totals totals(TimeRange range) {
    WindowSize w = coarsestFor(range);
    long[] traffic = Sql.list(db, "summary", "SELECT COALESCE(SUM(packets), 0), COALESCE(SUM(bytes), 0) "
        + "FROM traffic_windows WHERE window_seconds = ? AND start_s >= ? AND start_s < ?",
        rs -> new long[] {rs.getLong(1), rs.getLong(2)}, w.seconds(), range.fromSeconds(),
        range.toSeconds()).get(0);
    // Over everything, files without packets (no time) count too; a range counts the files overlapping it.
    String overlap = range.equals(TimeRange.ALL) ? "" : " WHERE first_ns < ? AND last_ns >= ?";
    Object[] bounds = range.equals(TimeRange.ALL) ? new Object[0]
        : new Object[] {range.toOrMax(), range.fromOrMin()};
    FileSpan files = Sql.list(db, "summary", "SELECT COUNT(*), COUNT(DISTINCT sensor), MIN(first_ns), "
        + "MAX(last_ns) FROM ingested_files" + overlap,
        rs -> new FileSpan(rs.getLong(1), rs.getLong(2), Sql.nullableLong(rs, 3), Sql.nullableLong(rs, 4)),
        bounds).get(0);
    long alerts = Sql.list(db, "summary", "SELECT COUNT(*) FROM alerts WHERE time_ns >= ? AND time_ns < ?",
        rs -> rs.getLong(1), range.fromOrMin(), range.toOrMax()).get(0);
    Long first = files.first();
    Long last = files.last();
    if (first != null && range.fromNanos() != null) {
      first = Math.max(first, range.fromNanos());
    }
    if (last != null && range.toNanos() != null) {
      last = Math.min(last, range.toNanos() - 1);
    }
    return new Totals(traffic[0], traffic[1], files.count(), files.sensors(),
        first == null ? null : TimestampFormat.format(first), last == null ? null : TimestampFormat.format(last),
        alerts);
  }

  /** The files a summary covers: how many, from how many sensors, and their packet time span. */
  private record FileSpan(long count, long sensors, Long first, Long last) {}

  List<ProtocolTotal> protocols(TimeRange range, int limit) {
    return Sql.list(db, "protocols", "SELECT protocol, layer, SUM(packets), SUM(bytes) FROM protocol_windows "
        + "WHERE window_seconds = ? AND start_s >= ? AND start_s < ? GROUP BY protocol, layer "
        + "ORDER BY SUM(packets) DESC, protocol LIMIT ?",
        rs -> new ProtocolTotal(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)),
        coarsestFor(range).seconds(), range.fromSeconds(), range.toSeconds(), limit);
  }

  List<SourceTotal> topSources(TimeRange range, int limit) {
    return Sql.list(db, "top-sources", "SELECT t.address, t.packets, t.bytes, n.name FROM (SELECT address, "
        + "SUM(packets) AS packets, SUM(bytes) AS bytes FROM source_windows WHERE window_seconds = ? AND "
        + "start_s >= ? AND start_s < ? GROUP BY address ORDER BY SUM(bytes) DESC, address LIMIT ?) t "
        + "LEFT JOIN address_names n ON n.address = t.address ORDER BY t.bytes DESC, t.address",
        rs -> new SourceTotal(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)),
        coarsestFor(range).seconds(), range.fromSeconds(), range.toSeconds(), limit);
  }

  /** Per-source window rows, oldest first; {@code address} null for every source. */
  List<SourceWindowRow> features(WindowSize window, String address, TimeRange range, int limit) {
    Sql.RowMapper<SourceWindowRow> row = rs -> new SourceWindowRow(window, rs.getLong(1), rs.getString(2),
        rs.getLong(3), rs.getLong(4));
    if (address == null) {
      return Sql.list(db, "features", "SELECT start_s, address, packets, bytes FROM source_windows "
          + "WHERE window_seconds = ? AND start_s >= ? AND start_s < ? ORDER BY start_s, bytes DESC, address "
          + "LIMIT ?", row, window.seconds(), range.fromSeconds(), range.toSeconds(), limit);
    }
    return Sql.list(db, "features", "SELECT start_s, address, packets, bytes FROM source_windows "
        + "WHERE window_seconds = ? AND address = ? AND start_s >= ? AND start_s < ? ORDER BY start_s LIMIT ?",
        row, window.seconds(), address, range.fromSeconds(), range.toSeconds(), limit);
  }

  /** The newest {@code limit} windows of all traffic, oldest first (the dashboard's chart data). */
  List<TrafficPoint> series(WindowSize window, int limit) {
    List<TrafficPoint> points = Sql.list(db, "series", "SELECT start_s, packets, bytes FROM traffic_windows "
        + "WHERE window_seconds = ? ORDER BY start_s DESC LIMIT ?",
        rs -> new TrafficPoint(rs.getLong(1), rs.getLong(2), rs.getLong(3)), window.seconds(), limit);
    Collections.reverse(points);
    return points;
  }

  /** The largest window size both ends of {@code range} are aligned to (an open end is aligned to all). */
  static WindowSize coarsestFor(TimeRange range) {
    WindowSize[] sizes = WindowSize.values();
    for (int i = sizes.length - 1; i > 0; i--) {
      if (alignedTo(range.fromNanos(), sizes[i]) && alignedTo(range.toNanos(), sizes[i])) {
        return sizes[i];
      }
    }
    return sizes[0];
  }

  private static boolean alignedTo(Long nanos, WindowSize w) {
    return nanos == null || Math.floorMod(nanos, w.seconds() * 1_000_000_000L) == 0;
  }
}
