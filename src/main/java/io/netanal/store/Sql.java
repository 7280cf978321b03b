package io.netanal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one read query on a pooled connection with every value bound as a parameter, mapping each row.
 *
 * <p>Stateless; any thread.
 */
final class Sql {
  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private Sql() {}

  static <T> List<T> list(Database db, String what, String sql, RowMapper<T> mapper, Object... params) {
    Connection c = db.borrow();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new StoreException(what + ": query failed (" + e.getMessage() + ")", e);
    } finally {
      db.release(c);
    }
  }

  /** A nullable BIGINT column. */
  static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
