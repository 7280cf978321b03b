package io.netanal.decode.app;

/**
 * An HTTP/1.x request's start line and the headers netanal names (RFC 9112 3, RFC 9110 7.2 and 10.1.5). Text is
 * read as ISO-8859-1; each field is at most {@link HttpParser#MAX_FIELD_LENGTH} characters (longer ones are cut
 * there).
 *
 * @param method the method token ({@code "GET"}, {@code "M-SEARCH"}, ...)
 * @param uri the request target as written, or null when the start line did not end within the payload
 * @param version see {@link HttpMessage#version()}
 * @param host the first Host header's value, lowercase, port kept as written; null without one (or when it is
 *     empty)
 * @param userAgent the first User-Agent header's value, or null (also when empty)
 * @param complete see {@link HttpMessage#complete()}
 */
public record HttpRequest(String method, String uri, String version, String host, String userAgent,
    boolean complete) implements HttpMessage {}
