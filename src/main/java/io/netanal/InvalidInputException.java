package io.netanal;

/** A value the user gave that breaks a rule: a port out of range, an unknown table name, a bad interval. */
public class InvalidInputException extends NetanalException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }
}
