package io.netanal.serve;

import io.netanal.NetanalException;

/**
 * A request the collector refuses, with its HTTP status, a short machine-readable {@code error} and a message
 * that reads "what, rule, actual". {@link ErrorMapper} turns it into {@code {error, message}}.
 */
final class ApiException extends NetanalException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;

  ApiException(int status, String error, String message) {
    super(message);
    this.status = status;
    this.error = error;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  static ApiException tooLarge(String message) {
    return new ApiException(413, "payload_too_large", message);
  }

  static ApiException busy(String message) {
    return new ApiException(429, "too_many_requests", message);
  }

  static ApiException unavailable(String message) {
    return new ApiException(503, "unavailable", message);
  }

  /** A client's value fit for a message: printable ASCII only, at most 80 characters. */
  static String printable(String value) {
    String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }
}
