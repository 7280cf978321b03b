package io.netanal.term;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One line of standard error redrawn in place ({@code \r}) from a daemon thread, a few times per second, and
 * erased when stopped, so that the final report starts on a clean line.
 *
 * <p>{@link #start} and {@link #stop} are called by the owning command's thread; the text supplier is called on
 * the refresh thread and must only read published state (volatile counters, immutable snapshots). Stopping
 * waits for an in-progress draw, so nothing is drawn after {@link #stop} returns. {@link #printAbove} may be
 * called from any thread: other output goes through it so that it never lands inside the line.
 */
final class LiveLine {
  private final PrintWriter err;
  private final Supplier<String> text;
  private final long periodMillis;
  private final long delayMillis;
  private final BooleanSupplier stderrIsTerminal;
  private Thread thread;
  private int drawnLength; // guarded by err, as is drawn
  private String drawn = "";

  /**
   * Draws {@code text} every {@code periodMillis}, the first time after {@code delayMillis}, if
   * {@code stderrIsTerminal} (asked once, on the refresh thread) says so.
   */
  LiveLine(PrintWriter err, Supplier<String> text, long periodMillis, long delayMillis,
      BooleanSupplier stderrIsTerminal) {
    this.stderrIsTerminal = stderrIsTerminal;
    this.err = err;
    this.text = text;
    this.periodMillis = periodMillis;
    this.delayMillis = delayMillis;
  }

  synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = new Thread(this::run, "netanal-live-line");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() {
    Thread t;
    synchronized (this) {
      t = thread;
      thread = null;
    }
    if (t == null) {
      return;
    }
    t.interrupt();
    try {
      t.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (err) {
      erase();
      drawnLength = 0;
    }
  }

  /**
   * Prints {@code lines} (whole lines, each ending in a line separator) to {@code target}, standard output or
   * error, on a clean line: the live line is erased first and drawn again below them, as it was. Without a live
   * line drawn (not started, stopped, redirected) the text is printed as it is. Any thread.
   */
  void printAbove(PrintWriter target, String lines) {
    synchronized (err) {
      erase();
      target.print(lines);
      target.flush();
      if (drawnLength > 0) {
        err.print(drawn);
        err.flush();
      }
    }
  }

  /** Blanks the drawn line and returns the cursor to its start; the caller holds the lock of err. */
  private void erase() {
    if (drawnLength > 0) {
      err.print("\r" + " ".repeat(drawnLength) + "\r");
      err.flush();
    }
  }

  private void run() {
    try {
      Thread.sleep(delayMillis);
      if (!stderrIsTerminal.getAsBoolean()) {
        return; // redirected: a file or pipe gets no \r-redrawn lines
      }
      while (!Thread.currentThread().isInterrupted()) {
        draw(text.get());
        Thread.sleep(periodMillis);
      }
    } catch (InterruptedException e) {
      // stopped: stop() erases the line
    } catch (RuntimeException e) {
      // A status that cannot be drawn is not worth a stack trace over the capture's output: stop drawing.
    }
  }

  private void draw(String line) {
    synchronized (err) {
      // pad over the remains of a longer previous line
      String pad = line.length() < drawnLength ? " ".repeat(drawnLength - line.length()) : "";
      err.print("\r" + line + pad);
      err.flush();
      drawnLength = line.length();
      drawn = line;
    }
  }
}
