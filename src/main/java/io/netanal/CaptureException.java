package io.netanal;

/**
 * The environment does not allow a live capture: no such device, no permission, libpcap missing. Maps to
 * exit code 3.
 */
public class CaptureException extends NetanalException {
  private static final long serialVersionUID = 1L;

  public CaptureException(String message) {
    super(message);
  }

  public CaptureException(String message, Throwable cause) {
    super(message, cause);
  }
}
