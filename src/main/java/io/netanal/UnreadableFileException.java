package io.netanal;

/** A capture file or saved report that cannot be read: not a capture, an unsupported format, a bad header. */
public class UnreadableFileException extends NetanalException {
  private static final long serialVersionUID = 1L;

  public UnreadableFileException(String message) {
    super(message);
  }

  public UnreadableFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
