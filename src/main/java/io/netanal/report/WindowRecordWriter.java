package io.netanal.report;

import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowListener;
import io.netanal.window.WindowRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Streams {@code netanal.window/1} records as windows close: JSON Lines (one record per line), or CSV (RFC 4180)
 * with a header row of the record's field names. A {@link WindowListener}, called on the aggregating thread; the
 * writer is flushed after each window, so a reader sees each window as soon as it closes.
 */
public final class WindowRecordWriter implements WindowListener {
  public enum Format { JSON_LINES, CSV }

  private static final RecordComponent[] COMPONENTS = WindowRecord.class.getRecordComponents();
  /**
   * Lines are handed to the writer in chunks of about this many chars: small enough to stay in the CPU cache
   * between being built and being encoded (a 3 m window's 1,000 records are over a megabyte), large enough that
   * the writer's per-call cost does not count.
   */
  private static final int CHUNK = 16 * 1024;

  private final Writer out;
  private final Format format;
  private final CSVPrinter csv;
  /** JSON Lines not yet handed to {@link #out}, reused. */
  private final StringBuilder lines = new StringBuilder();
  private long records;

  public WindowRecordWriter(Writer out, Format format) throws IOException {
    this.out = out;
    this.format = format;
    if (format == Format.CSV) {
      csv = new CSVPrinter(out, CSVFormat.RFC4180);
      List<String> header = new ArrayList<>();
      for (RecordComponent c : COMPONENTS) {
        header.add(c.getName());
      }
      csv.printRecord(header);
    } else {
      csv = null;
    }
  }

  @Override
  public void windowClosed(ClosedWindow window) {
    try {
      for (WindowRecord r : window.records()) {
        if (format == Format.CSV) {
          csv.printRecord(values(r));
        } else {
          WindowRecordJson.append(r, lines);
          lines.append('\n');
          if (lines.length() >= CHUNK) {
            out.append(lines);
            lines.setLength(0);
          }
        }
        records++;
      }
      if (lines.length() > 0) {
        out.append(lines);
        lines.setLength(0);
      }
      out.flush(); // one flush per window, not per record
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long records() {
    return records;
  }

  private static List<Object> values(WindowRecord r) {
    List<Object> values = new ArrayList<>(COMPONENTS.length);
    for (RecordComponent c : COMPONENTS) {
      try {
        values.add(c.getAccessor().invoke(r));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("record accessor " + c.getName(), e);
      }
    }
    return values;
  }
}
