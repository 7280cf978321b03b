package io.netanal.term;

/**
 * ANSI SGR colouring of whole, already laid-out lines, or nothing when colour is off. Colour is applied after
 * layout so escape codes never count towards a line's width. Immutable; any thread.
 */
final class Paint {
  static final String RESET = "\u001b[0m";
  private static final String HEADING = "\u001b[1;36m";
  private static final String TABLE_HEADER = "\u001b[1m";
  private static final String GRAPH = "\u001b[32m";
  private static final String ALERT = "\u001b[1;31m";
  private static final String WARN = "\u001b[33m";

  private final boolean colour;

  Paint(boolean colour) {
    this.colour = colour;
  }

  String heading(String s) {
    return paint(HEADING, s);
  }

  String tableHeader(String s) {
    return paint(TABLE_HEADER, s);
  }

  String graph(String s) {
    return paint(GRAPH, s);
  }

  /** Something lost: dropped packets. */
  String alert(String s) {
    return paint(ALERT, s);
  }

  /** Something to look at: frames that could not be decoded. */
  String warn(String s) {
    return paint(WARN, s);
  }

  private String paint(String code, String s) {
    return colour && !s.isEmpty() ? code + s + RESET : s;
  }
}
