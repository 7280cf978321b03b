package io.netanal.term;

import java.io.PrintWriter;
import java.util.List;

/**
 * The console view's layout for one render: section headings, label/value fields, tables (with bars), packed
 * word lists, all at the style's width and painted after layout, so no line is ever longer than the width.
 *
 * <p>Made by {@link ReportRenderer} for one render and used by its sections on the caller's thread; it writes
 * to the render's writer and holds nothing else.
 */
final class ReportLayout {
  private static final int LABEL_WIDTH = 12;
  private static final int MAX_BAR = 24;
  private static final int MIN_BAR = 5;

  private final ConsoleStyle style;
  private final Paint paint;
  private final String ellipsis;
  private final PrintWriter out;

  ReportLayout(ConsoleStyle style, Paint paint, PrintWriter out) {
    this.style = style;
    this.paint = paint;
    this.ellipsis = style.unicode() ? "…" : "~";
    this.out = out;
  }

  ConsoleStyle style() {
    return style;
  }

  Paint paint() {
    return paint;
  }

  int width() {
    return style.width();
  }

  /** A table whose cells are cut with this style's ellipsis, columns two spaces apart. */
  TextTable newTable() {
    return new TextTable("  ", ellipsis);
  }

  void heading(String title) {
    blank();
    String rule = style.unicode() ? "─" : "-";
    String text = rule.repeat(2) + " " + title + " ";
    int fill = Math.min(style.width(), 72) - text.length();
    out.println(paint.heading(cut(text + rule.repeat(Math.max(0, fill)))));
  }

  void field(String label, String value) {
    String prefix = "  " + label + " ".repeat(Math.max(1, LABEL_WIDTH - label.length()));
    TextTable fitter = new TextTable("", ellipsis);
    out.println(prefix + fitter.fit(value, style.width() - prefix.length()));
  }

  void table(TextTable t) {
    List<String> lines = t.lines(style.width());
    out.println(paint.tableHeader(lines.get(0).stripTrailing()));
    for (int i = 1; i < lines.size(); i++) {
      out.println(lines.get(i).stripTrailing());
    }
  }

  /** The table with a bar of {@code fractions[row]} after each row, as wide as the remaining room allows. */
  void tableWithBars(TextTable t, double[] fractions) {
    List<String> lines = t.lines(style.width());
    int barWidth = Math.min(MAX_BAR, style.width() - lines.get(0).length() - 2);
    out.println(paint.tableHeader(lines.get(0).stripTrailing()));
    for (int i = 1; i < lines.size(); i++) {
      String bar = barWidth < MIN_BAR ? "" : Bars.bar(fractions[i - 1], barWidth, style.unicode()).stripTrailing();
      out.println(bar.isEmpty() ? lines.get(i).stripTrailing() : lines.get(i) + "  " + paint.graph(bar));
    }
  }

  /** Items joined by {@code separator} and packed into lines, indented by two, no longer than the width. */
  void words(List<String> items, String separator) {
    String mark = separator.stripTrailing();
    StringBuilder sb = new StringBuilder("  ");
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i);
      boolean first = sb.length() == 2;
      // room for the item, and for the separator's mark after it unless it is the last
      int need = separator.length() + item.length() + (i == items.size() - 1 ? 0 : mark.length());
      if (!first && sb.length() + need > style.width()) {
        out.println(cut(sb + mark)); // "a, b," then "c": the list visibly goes on
        sb.setLength(2);
        first = true;
      }
      sb.append(first ? "" : separator).append(item);
    }
    out.println(cut(sb.toString()));
  }

  /** Text broken at spaces into indented lines no longer than the width. */
  void wrap(String text) {
    words(List.of(text.split(" ")), " ");
  }

  /** "N more rows not shown (--top)", when the report's top cut left rows out. */
  void omitted(long omitted, String singular, String plural) {
    if (omitted > 0) {
      line(Units.count(omitted) + " more " + (omitted == 1 ? singular : plural) + " not shown (--top)", "  ");
    }
  }

  void line(String text) {
    line(text, "");
  }

  void line(String text, String indent) {
    out.println(cut(indent + text));
  }

  /** A line already laid out (painted after its layout, so it may be longer than the width in characters). */
  void println(String laidOut) {
    out.println(laidOut);
  }

  void blank() {
    out.println();
  }

  String cut(String s) {
    return s.length() > style.width() ? s.substring(0, style.width()) : s;
  }

  static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }
}
