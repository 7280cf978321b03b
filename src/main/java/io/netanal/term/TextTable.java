package io.netanal.term;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of text cells laid out to fit a line width: columns as wide as their widest cell, two spaces apart,
 * numbers right-aligned. When the table is too wide, flexible columns (addresses, names) shrink, widest first,
 * down to their minimum, and their cells lose their middle to an ellipsis ({@code 2001:db8:…:7334}), which keeps
 * both the network prefix and the host part readable. A table still too wide after that has its lines cut at
 * the width: it never wraps.
 *
 * <p>Built and laid out by one thread, off the hot path.
 */
final class TextTable {
  private static final int GAP = 2;

  private final List<String> headers = new ArrayList<>();
  private final List<Boolean> rightAligned = new ArrayList<>();
  private final List<Integer> minWidths = new ArrayList<>();
  private final List<String[]> rows = new ArrayList<>();
  private final String indent;
  private final String ellipsis;

  TextTable(String indent, String ellipsis) {
    this.indent = indent;
    this.ellipsis = ellipsis;
  }

  /** A left-aligned column that never shrinks. */
  TextTable left(String header) {
    return column(header, false, Integer.MAX_VALUE);
  }

  /** A right-aligned column (numbers) that never shrinks. */
  TextTable right(String header) {
    return column(header, true, Integer.MAX_VALUE);
  }

  /** A left-aligned column that may shrink to {@code minWidth} characters, cells losing their middle. */
  TextTable flexible(String header, int minWidth) {
    return column(header, false, minWidth);
  }

  private TextTable column(String header, boolean right, int minWidth) {
    headers.add(header);
    rightAligned.add(right);
    minWidths.add(minWidth);
    return this;
  }

  TextTable row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("cells: " + cells.length + " (expected: " + headers.size() + ")");
    }
    rows.add(cells.clone());
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The header line then one line per row, each padded to the table's width, none longer than {@code width}. */
  List<String> lines(int width) {
    int n = headers.size();
    int[] widths = new int[n];
    for (int i = 0; i < n; i++) {
      widths[i] = headers.get(i).length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    shrink(widths, width);
    List<String> lines = new ArrayList<>(rows.size() + 1);
    lines.add(line(headers.toArray(new String[0]), widths, width));
    for (String[] row : rows) {
      lines.add(line(row, widths, width));
    }
    return lines;
  }

  private void shrink(int[] widths, int width) {
    int total = indent.length() + GAP * (widths.length - 1);
    for (int w : widths) {
      total += w;
    }
    while (total > width) {
      int widest = -1;
      for (int i = 0; i < widths.length; i++) {
        int floor = Math.max(minWidths.get(i), headers.get(i).length());
        if (widths[i] > floor && (widest < 0 || widths[i] > widths[widest])) {
          widest = i;
        }
      }
      if (widest < 0) {
        return; // nothing left to shrink: line() cuts at the width
      }
      widths[widest]--;
      total--;
    }
  }

  private String line(String[] cells, int[] widths, int width) {
    StringBuilder sb = new StringBuilder(indent);
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        sb.append(" ".repeat(GAP));
      }
      String cell = fit(cells[i], widths[i]);
      String pad = " ".repeat(widths[i] - cell.length());
      sb.append(rightAligned.get(i) ? pad + cell : cell + pad);
    }
    return sb.length() > width ? sb.substring(0, width) : sb.toString();
  }

  /** {@code text} in at most {@code width} characters, its middle replaced by the ellipsis when too long. */
  String fit(String text, int width) {
    if (text.length() <= width) {
      return text;
    }
    if (width <= ellipsis.length()) {
      return text.substring(0, width);
    }
    int keep = width - ellipsis.length();
    int head = (keep + 1) / 2;
    return text.substring(0, head) + ellipsis + text.substring(text.length() - (keep - head));
  }
}
