package io.netanal.cli;

import io.netanal.InvalidInputException;
import java.nio.file.Path;

/**
 * The SOURCE of {@code export} and {@code chart}, given as an argument or, as tcpdump users type it, with
 * {@code -r}: one of the two, not both.
 *
 * <p>Stateless; any thread.
 */
final class SourceArgument {
  private SourceArgument() {}

  /** {@code argument} or {@code read}, whichever is given (null for neither: the last report). */
  static Path one(Path argument, Path read) {
    if (read == null) {
      return argument;
    }
    if (argument != null) {
      throw new InvalidInputException("-r: " + read + " and SOURCE " + argument + " (expected: one of them)");
    }
    return read;
  }
}
