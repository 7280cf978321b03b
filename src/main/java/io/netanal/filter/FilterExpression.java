package io.netanal.filter;

import io.netanal.FilterSyntaxException;
import java.util.Locale;

/**
 * A BPF filter expression as libpcap reads it ({@code "vlan and tcp and port 443"}), either built and validated
 * by {@link FilterBuilder} or given raw by the user ({@code -f}).
 *
 * <p>Immutable; any thread. Equal when their texts are equal. A built expression also remembers which network
 * families and transports it can match, so a builder that nests it can refuse a combination that matches no
 * frame (libpcap refuses those: "expression rejects all packets"); a raw expression may match anything.
 */
public final class FilterExpression {
  private final String text;
  private final int families;
  private final int transports;

  FilterExpression(String text, int families, int transports) {
    if (text == null || text.isBlank()) {
      throw new FilterSyntaxException("filter: '" + (text == null ? "" : text) + "' (expected: an expression)");
    }
    this.text = text;
    this.families = families;
    this.transports = transports;
  }

  /**
   * An expression the user typed as BPF ({@code -f}); libpcap alone judges it, so it is only checked for
   * being non-blank here.
   */
  public static FilterExpression raw(String text) {
    return new FilterExpression(text == null ? null : text.strip(), Matches.ALL_FAMILIES, Matches.ALL_TRANSPORTS);
  }

  /** The expression exactly as it is handed to libpcap. */
  public String text() {
    return text;
  }

  /**
   * This expression {@code and} {@code other}, with parentheses around each side that has an operator, so
   * neither side can change how the other is grouped.
   */
  public FilterExpression and(FilterExpression other) {
    return new FilterExpression(parenthesized() + " and " + other.parenthesized(), families & other.families,
        transports & other.transports);
  }

  int families() {
    return families;
  }

  int transports() {
    return transports;
  }

  /** The text, in parentheses unless it is a single primitive (no and/or/not, in words or symbols). */
  String parenthesized() {
    return isPrimitive() ? text : "(" + text + ")";
  }

  private boolean isPrimitive() {
    String t = " " + text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ") + " ";
    return !(t.contains(" and ") || t.contains(" or ") || t.contains(" not ") || t.contains("&&")
        || t.contains("||") || t.contains("!") || t.contains("("));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FilterExpression e && e.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
