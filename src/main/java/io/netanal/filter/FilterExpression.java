package io.netanal.filter;

import io.netanal.FilterSyntaxException;

/**
 * A BPF filter expression as libpcap reads it ({@code "vlan and tcp and port 443"}), either built and validated
 * by {@link FilterBuilder} or given raw by the user ({@code -f}).
 *
 * <p>Immutable; any thread.
 *
 * @param text the expression exactly as it is handed to libpcap
 */
public record FilterExpression(String text) {

  public FilterExpression {
    if (text == null || text.isBlank()) {
      throw new FilterSyntaxException("filter: '" + (text == null ? "" : text) + "' (expected: an expression)");
    }
  }

  /**
   * An expression the user typed as BPF ({@code -f}); libpcap alone judges it, so it is only checked for
   * being non-blank here.
   */
  public static FilterExpression raw(String text) {
    return new FilterExpression(text == null ? null : text.strip());
  }

  /**
   * This expression {@code and} {@code other}, with parentheses around each side that has a binary operator,
   * so neither side can change how the other is grouped.
   */
  public FilterExpression and(FilterExpression other) {
    return new FilterExpression(parenthesized() + " and " + other.parenthesized());
  }

  /** The text, in parentheses unless it is a single primitive (no {@code and}/{@code or}/{@code not}). */
  String parenthesized() {
    return isPrimitive() ? text : "(" + text + ")";
  }

  // A raw -f may use '&&', '||', '!' as well as the words; anything else at the top level is one primitive.
  private boolean isPrimitive() {
    String t = " " + text.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ") + " ";
    return !(t.contains(" and ") || t.contains(" or ") || t.contains(" not ") || t.contains("&&")
        || t.contains("||") || t.contains("!") || t.contains("("));
  }

  @Override
  public String toString() {
    return text;
  }
}
