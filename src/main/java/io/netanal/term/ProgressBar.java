package io.netanal.term;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on standard error while a large capture file is read: percent, a bar, bytes
 * read of the total, throughput and time left, redrawn four times per second and erased when closed. It does
 * nothing unless live lines are allowed ({@link ConsoleStyle#live()}) and standard error is a terminal.
 *
 * <p>The reading thread only publishes its byte count (the supplier should read a volatile field or an atomic);
 * the drawing happens on the progress bar's own daemon thread. {@link #start} and {@link #close} are called by
 * the command's thread.
 */
public final class ProgressBar implements AutoCloseable {
  private static final long PERIOD_MILLIS = 250;
  /** Files read in under half a second never show a bar: no flicker for small files. */
  private static final long DELAY_MILLIS = 500;
  private static final int MIN_BAR = 10;
  private static final int MAX_BAR = 40;

  private final LiveLine line;

  private ProgressBar(LiveLine line) {
    this.line = line;
  }

  /**
   * Starts showing the progress of reading {@code totalBytes} ({@code <= 0}: unknown, as for standard input),
   * {@code bytesRead} telling how far the reader is. Returns a bar that shows nothing when {@code style} is
   * not live.
   */
  public static ProgressBar start(ConsoleStyle style, PrintWriter err, long totalBytes, LongSupplier bytesRead) {
    if (!style.live()) {
      return new ProgressBar(null);
    }
    // stderr's own width is not known when only it is a terminal: stay within the narrowest usual terminal
    int width = (style.terminal() ? style.width() : ConsoleStyle.TERMINAL_DEFAULT_WIDTH) - 1;
    long startNanos = System.nanoTime();
    LiveLine line = new LiveLine(err,
        () -> format(bytesRead.getAsLong(), totalBytes, System.nanoTime() - startNanos, width, style.unicode()),
        PERIOD_MILLIS, DELAY_MILLIS, ConsoleStyle::isStderrTerminal);
    line.start();
    return new ProgressBar(line);
  }

  /** Stops the refresh thread and erases the line. */
  @Override
  public void close() {
    if (line != null) {
      line.stop();
    }
  }

  /**
   * The progress line: {@code " 42% [████████▍          ] 1.2 GB / 2.9 GB  310.5 MB/s  ETA 0:06"}, at most
   * {@code width} characters; without a total, bytes read and throughput only.
   */
  static String format(long done, long total, long elapsedNanos, int width, boolean unicode) {
    double seconds = elapsedNanos / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    if (total <= 0) {
      return cut(Units.bytes(done) + " read  " + Units.byteRate(rate), width);
    }
    double fraction = Math.min(1.0, (double) done / total);
    String percent = String.format(java.util.Locale.US, "%3d%%", (int) Math.floor(fraction * 100));
    String eta = rate > 0 && seconds >= 0.5
        ? "ETA " + Units.clock((long) Math.ceil(Math.max(0, total - done) / rate))
        : "ETA --:--";
    String tail = Units.bytes(done) + " / " + Units.bytes(total) + "  " + Units.byteRate(rate) + "  " + eta;
    int barWidth = Math.min(MAX_BAR, width - percent.length() - tail.length() - 4);
    if (barWidth < MIN_BAR) {
      return cut(percent + " " + tail, width);
    }
    return percent + " [" + Bars.bar(fraction, barWidth, unicode) + "] " + tail;
  }

  private static String cut(String s, int width) {
    return s.length() > width ? s.substring(0, width) : s;
  }
}
