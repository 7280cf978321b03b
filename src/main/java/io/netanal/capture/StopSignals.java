package io.netanal.capture;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl+C (SIGINT) and SIGTERM during a capture: the first one asks the capture to stop gracefully (drain the
 * queue, close the output, print the report); the second one exits at once with status 130. Works however the
 * process was started: an ignored SIGINT inherited from a shell is reset first (see {@link SignalDisposition}).
 *
 * <p>Installed and uninstalled by the thread running the capture; the handlers run on the JVM's signal thread.
 * A shutdown hook would not do: the JVM ignores further signals while it runs its hooks, so the second Ctrl+C
 * could not end a capture stuck on a slow disk.
 */
public final class StopSignals implements AutoCloseable {
  static final int EXIT_INTERRUPTED = 130;

  private final AtomicInteger received = new AtomicInteger();
  private final Runnable stop;
  private final Runnable beforeExit;
  private final Signal interrupt = new Signal("INT");
  private final Signal terminate = new Signal("TERM");
  private final SignalHandler previousInterrupt;
  private final SignalHandler previousTerminate;

  private StopSignals(Runnable stop, Runnable beforeExit) {
    this.stop = stop;
    this.beforeExit = beforeExit;
    // An inherited SIG_IGN (a background job of a script, nohup) would make the JVM ignore our handlers.
    SignalDisposition.resetToDefault(SignalDisposition.SIGINT);
    SignalDisposition.resetToDefault(SignalDisposition.SIGTERM);
    SignalHandler handler = this::handle;
    previousInterrupt = Signal.handle(interrupt, handler);
    previousTerminate = Signal.handle(terminate, handler);
  }

  /**
   * Routes SIGINT and SIGTERM to {@code stop} until {@link #close()}, however the process was started; a second
   * signal runs {@code beforeExit} (on the signal thread, while the capture may still be running) and exits.
   */
  public static StopSignals install(Runnable stop, Runnable beforeExit) {
    return new StopSignals(stop, beforeExit);
  }

  private void handle(Signal signal) {
    if (received.incrementAndGet() == 1) {
      stop.run();
      return;
    }
    try {
      beforeExit.run();
    } finally {
      System.out.flush();
      Runtime.getRuntime().halt(EXIT_INTERRUPTED);
    }
  }

  /** Restores the handlers that were there before. */
  @Override
  public void close() {
    Signal.handle(interrupt, previousInterrupt);
    Signal.handle(terminate, previousTerminate);
  }
}
