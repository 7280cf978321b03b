package io.netanal.decode.app;

/** The start of an HTTP/1.x message read by {@link HttpParser}: an {@link HttpRequest} or an {@link HttpResponse}. */
public sealed interface HttpMessage extends AppMessage permits HttpRequest, HttpResponse {
  /**
   * {@code "HTTP/1.1"}, {@code "HTTP/1.0"} (as written), or null when the start line did not end within the payload
   * (or the message was parsed for {@link Detail#FLOW}).
   */
  String version();

  /**
   * True when the header section ended (an empty line) within the payload; false when the payload, or the
   * {@link HttpParser#MAX_HEAD_LENGTH} bytes read of it, ended first. Fields read before that are kept.
   */
  @Override
  boolean complete();
}
