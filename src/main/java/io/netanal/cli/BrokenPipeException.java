package io.netanal.cli;

/**
 * Thrown when standard output has been closed by its reader ({@code netanal ... | head}); the command ends
 * quietly with exit code 0.
 */
final class BrokenPipeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BrokenPipeException() {
    super("standard output closed", null, false, false);
  }
}
