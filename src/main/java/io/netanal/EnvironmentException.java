package io.netanal;

/**
 * The environment does not allow a service to run: the listening port is taken, the database is unreachable or
 * refuses the login. Maps to exit code 3, like {@link CaptureException}.
 */
public class EnvironmentException extends NetanalException {
  private static final long serialVersionUID = 1L;

  public EnvironmentException(String message) {
    super(message);
  }

  public EnvironmentException(String message, Throwable cause) {
    super(message, cause);
  }
}
