package io.netanal.store;

import io.netanal.window.WindowRecord;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The feature columns of {@code window_features} (migration V3): each a {@link WindowRecord} component, stored in
 * a column named as the component in snake case and served under the component's name. The list is the API's
 * contract: a component added to the record later is not stored until it is added here and to a migration.
 *
 * <p>Immutable; any thread. Off the per-packet path: used once per stored or served row.
 */
final class FeatureColumns {
  /** How a column is stored and read. */
  enum Kind { LONG, DOUBLE, NULLABLE_DOUBLE, INT, TEXT }

  /** One column: its JSON name, its SQL name, its kind, and the record accessor that gives its value. */
  record Column(String name, String sql, Kind kind, Method accessor) {}

  /** Address text columns (a majority vote's winner); longer text is cut, as for the other address columns. */
  private static final int MAX_TEXT = 64;

  private static final String[] NAMES = {"packets", "bytes", "packetsPerSecond", "bitsPerSecond", "meanSize",
      "stdSize", "interArrivalMeanMillis", "interArrivalStdMillis", "distinctDstAddresses", "distinctDstPorts",
      "flowsStarted", "flowsFailed", "tcpSyn", "tcpSynAck", "tcpRst", "tcpFin", "udpPackets", "icmpPackets",
      "icmpUnreachable", "dnsQueries", "dnsResponses", "dnsResponseBytes", "rttMeanMillis", "retransmissions",
      "packetsReceived", "bytesReceived", "distinctSources", "tcpSynReceived", "tcpSynAckReceived",
      "tcpRstReceived", "tcpAckReceived", "udpReceived", "icmpReceived", "icmpErrorsReceived",
      "icmpUnreachableReceived", "icmpEchoRepliesReceived", "dnsResponsesReceived", "dnsResponseBytesReceived",
      "dnsQueryBytes", "icmpEchoRequests", "probes", "distinctProbeAddresses", "distinctProbePorts",
      "distinctRespondents", "topProbeTarget", "topProbePort", "topSource"};

  static final List<Column> ALL = columns();

  private FeatureColumns() {}

  private static List<Column> columns() {
    List<Column> all = new ArrayList<>();
    for (String name : NAMES) {
      Method m;
      try {
        m = WindowRecord.class.getMethod(name);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("window_features: " + name + " is no longer a WindowRecord component", e);
      }
      Class<?> t = m.getReturnType();
      Kind kind = t == long.class ? Kind.LONG : t == double.class ? Kind.DOUBLE : t == Double.class
          ? Kind.NULLABLE_DOUBLE : t == int.class ? Kind.INT : Kind.TEXT;
      all.add(new Column(name, name.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT), kind, m));
    }
    return List.copyOf(all);
  }

  /** The SQL column names, comma-separated, in order. */
  static String sqlNames() {
    StringBuilder b = new StringBuilder();
    for (Column c : ALL) {
      b.append(b.length() == 0 ? "" : ", ").append(c.sql());
    }
    return b.toString();
  }

  /** Binds every feature of {@code record} from parameter {@code first} on; returns the next free index. */
  static int bind(PreparedStatement s, int first, WindowRecord record) throws SQLException {
    int i = first;
    for (Column c : ALL) {
      Object v = value(c, record);
      switch (c.kind()) {
        case LONG -> s.setLong(i, (Long) v);
        case DOUBLE -> s.setDouble(i, (Double) v);
        case INT -> s.setInt(i, (Integer) v);
        case NULLABLE_DOUBLE -> {
          if (v == null) {
            s.setNull(i, Types.DOUBLE);
          } else {
            s.setDouble(i, (Double) v);
          }
        }
        case TEXT -> {
          String text = (String) v;
          if (text == null) {
            s.setNull(i, Types.VARCHAR);
          } else {
            s.setString(i, text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
          }
        }
      }
      i++;
    }
    return i;
  }

  /** Reads every feature from column {@code first} of the current row on, into {@code into} by name. */
  static void read(ResultSet rs, int first, Map<String, Object> into) throws SQLException {
    int i = first;
    for (Column c : ALL) {
      Object v = switch (c.kind()) {
        case LONG -> rs.getLong(i);
        case DOUBLE -> rs.getDouble(i);
        case INT -> rs.getInt(i);
        case NULLABLE_DOUBLE -> {
          double d = rs.getDouble(i);
          yield rs.wasNull() ? null : d;
        }
        case TEXT -> rs.getString(i);
      };
      into.put(c.name(), v);
      i++;
    }
  }

  private static Object value(Column c, WindowRecord record) {
    try {
      return c.accessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("window_features: cannot read " + c.name(), e);
    }
  }
}
