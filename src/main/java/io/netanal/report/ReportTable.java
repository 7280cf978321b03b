package io.netanal.report;

import io.netanal.InvalidInputException;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The tables of a report that {@code export --table} and {@code export --csv} can write on their own, named as
 * the report's JSON fields.
 *
 * <p>Immutable; any thread.
 */
public enum ReportTable {
  PROTOCOLS("protocols"),
  ENDPOINTS("endpoints"),
  CONVERSATIONS("conversations"),
  BANDWIDTH("bandwidth"),
  SIZES("sizes"),
  FLOWS("flows"),
  NAMES("names");

  private final String jsonName;

  ReportTable(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The table's field name in the report ({@code "protocols"}). */
  public String jsonName() {
    return jsonName;
  }

  /** The table's value in {@code report}: a list of rows, or for {@code bandwidth} the whole series object. */
  public Object of(Report report) {
    switch (this) {
      case PROTOCOLS: return report.protocols();
      case ENDPOINTS: return report.endpoints();
      case CONVERSATIONS: return report.conversations();
      case BANDWIDTH: return report.bandwidth();
      case SIZES: return report.sizes();
      case FLOWS: return report.flows() == null ? null : report.flows().top();
      case NAMES: return report.names();
      default: throw new AssertionError(this);
    }
  }

  /** The table named {@code name}, or an {@link InvalidInputException} listing the names there are. */
  public static ReportTable named(String name) {
    for (ReportTable t : values()) {
      if (t.jsonName.equals(name.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new InvalidInputException("--table: " + name + " (expected: " + names() + ")");
  }

  /** {@code "protocols, endpoints, conversations, bandwidth, sizes, flows, names"}. */
  public static String names() {
    return Stream.of(values()).map(ReportTable::jsonName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return jsonName;
  }
}
