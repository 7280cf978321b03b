package io.netanal.capture;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl+C (SIGINT) and SIGTERM during a capture: the first one asks the capture to stop gracefully (drain the
 * queue, close the output, print the report); the second one exits at once with status 130.
 *
 * <p>Installed and uninstalled by the thread running the capture; the handlers run on the JVM's signal thread.
 * A shutdown hook would not do: the JVM ignores further signals while it runs its hooks, so the second Ctrl+C
 * could not end a capture stuck on a slow disk.
 */
public final class StopSignals implements AutoCloseable {
  static final int EXIT_INTERRUPTED = 130;

  private final AtomicInteger received = new AtomicInteger();
  private final Runnable stop;
  private final Signal interrupt = new Signal("INT");
  private final Signal terminate = new Signal("TERM");
  private final SignalHandler previousInterrupt;
  private final SignalHandler previousTerminate;

  private StopSignals(Runnable stop) {
    this.stop = stop;
    SignalHandler handler = this::handle;
    previousInterrupt = Signal.handle(interrupt, handler);
    previousTerminate = Signal.handle(terminate, handler);
  }

  /** Routes SIGINT and SIGTERM to {@code stop} until {@link #close()}. */
  public static StopSignals install(Runnable stop) {
    return new StopSignals(stop);
  }

  /** How many stop signals arrived. */
  public int received() {
    return received.get();
  }

  private void handle(Signal signal) {
    if (received.incrementAndGet() == 1) {
      stop.run();
    } else {
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
