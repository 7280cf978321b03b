package io.netanal.decode.app;

/**
 * An HTTP/1.x response's status line (RFC 9112 4).
 *
 * @param version see {@link HttpMessage#version()}
 * @param status the three-digit status code
 * @param reason the reason phrase (possibly empty), or null when the status line did not end within the payload
 *     (or when parsed for {@link Detail#FLOW}, which reads the status alone)
 * @param complete see {@link HttpMessage#complete()}
 */
public record HttpResponse(String version, int status, String reason, boolean complete) implements HttpMessage {}
