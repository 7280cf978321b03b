package io.netanal;

/**
 * The root of netanal's own exceptions: a condition the user can act on, with a message that reads
 * "what, rule, actual" ({@code "snaplen: 0 (expected: > 0)"}).
 *
 * <p>Subclasses say which kind of input or environment failed; only the {@code cli} package turns them
 * into exit codes. Anything thrown that is not a {@code NetanalException} is an internal error.
 */
public class NetanalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NetanalException(String message) {
    super(message);
  }

  public NetanalException(String message, Throwable cause) {
    super(message, cause);
  }
}
