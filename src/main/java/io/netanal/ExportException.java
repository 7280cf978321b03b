package io.netanal;

/** Output that could not be written: an unwritable path, a full disk. Maps to exit code 1. */
public class ExportException extends NetanalException {
  private static final long serialVersionUID = 1L;

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }

  public ExportException(String message) {
    super(message);
  }
}
