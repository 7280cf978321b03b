package io.netanal.cli;

import io.netanal.CaptureException;
import io.netanal.EnvironmentException;
import io.netanal.ExportException;
import io.netanal.FilterSyntaxException;
import io.netanal.InvalidInputException;
import io.netanal.NetanalException;
import io.netanal.UnreadableFileException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * netanal's exit codes (DESIGN.md section 1) and the one mapping from exceptions to them.
 *
 * <p>Stateless; any thread.
 */
public final class ExitCodes {
  /** Success; a capture stopped by Ctrl+C is a success. */
  public static final int OK = 0;
  /** Runtime failure: an I/O error, a full disk. */
  public static final int RUNTIME = 1;
  /** Invalid input: a bad option or filter, an unreadable, damaged or unsupported file. */
  public static final int INVALID_INPUT = 2;
  /** Environment: no permission to capture, libpcap missing, no such interface. */
  public static final int ENVIRONMENT = 3;
  /** Internal error: a bug in netanal. */
  public static final int INTERNAL = 4;

  private ExitCodes() {}

  /** The exit code for an exception that reached the command line. */
  public static int of(Throwable e) {
    if (e instanceof CaptureException || e instanceof EnvironmentException) {
      return ENVIRONMENT;
    }
    if (e instanceof UnreadableFileException || e instanceof InvalidInputException
        || e instanceof FilterSyntaxException) {
      return INVALID_INPUT;
    }
    if (e instanceof ExportException || e instanceof IOException || e instanceof UncheckedIOException) {
      return RUNTIME;
    }
    if (e instanceof NetanalException) {
      return RUNTIME;
    }
    return INTERNAL;
  }
}
