package io.netanal.report;

import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowListener;
import io.netanal.window.WindowRecord;
import java.io.IOException;
import java.io.OutputStream;
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
 *
 * <p>JSON Lines are made as UTF-8 bytes ({@link JsonLines}); given an {@link OutputStream} (standard output) they
 * are written as they are, given a {@link Writer} (a test's, or a file's) they are decoded for it.
 */
public final class WindowRecordWriter implements WindowListener {
  public enum Format { JSON_LINES, CSV }

  private static final RecordComponent[] COMPONENTS = WindowRecord.class.getRecordComponents();
  /**
   * Lines are handed on in chunks of about this many bytes: small enough to stay in the CPU cache between being
   * made and being written (a 3 m window's 1,000 records are over a megabyte), large enough that the per-call cost
   * of the output does not count.
   */
  private static final int CHUNK = 64 * 1024;

  /** One of the two is null. */
  private final CSVPrinter csv;
  private final JsonLines json;
  private long records;

  public WindowRecordWriter(Writer out, Format format) throws IOException {
    this.json = format == Format.CSV ? null : new JsonLines(out, CHUNK);
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

  /** JSON Lines straight to a byte stream, without a {@code Writer} encoding every char again. */
  public WindowRecordWriter(OutputStream out) {
    this.csv = null;
    this.json = new JsonLines(out, CHUNK);
  }

  @Override
  public void windowClosed(ClosedWindow window) {
    try {
      for (WindowRecord r : window.records()) {
        if (csv != null) {
          csv.printRecord(values(r));
        } else {
          WindowRecordJson.append(r, json.line());
          json.endLine();
        }
        records++;
      }
      // one flush per window, not per record
      if (csv != null) {
        csv.flush();
      } else {
        json.flush();
      }
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
