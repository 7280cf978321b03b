package io.netanal.decode.app;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the start line and the Host and User-Agent headers of an HTTP/1.x request, or the status line of a
 * response, from the first bytes of a TCP (or, for SSDP, UDP) payload (RFC 9112).
 *
 * <pre>
 * request:  method SP request-target SP HTTP/1.x CRLF   (method: a known token, as tshark 4.0 knows them)
 * response: HTTP/1.x SP 3DIGIT SP reason-phrase CRLF
 * then:     (field-name ":" OWS field-value OWS CRLF)* CRLF
 * </pre>
 *
 * <p>Garbage is turned away within a few bytes: the payload must start with a known method token and a space,
 * or with {@code HTTP/1.}; a start line holding control characters, or whose version does not start with
 * {@code HTTP/1.} (HTTP/0.9, RTSP, SIP, the HTTP/2 preface) is not HTTP/1.x either. A request's version is kept
 * as written after that prefix ({@code HTTP/1.0.8} from one weather station's firmware), as tshark keeps it; a
 * response's must be {@code HTTP/1.} and one digit. A bare LF ends a line as CRLF does. At
 * most {@link #MAX_HEAD_LENGTH} bytes are read; a request target that contains spaces runs to the last space of
 * its line. Header lines without a colon are skipped; obsolete line folding is not joined.
 *
 * <p>Stateless; any thread may call it. It allocates the result, so it is meant for a flow's first payloads.
 */
public final class HttpParser {
  /** Characters kept of the request target and of each header value. */
  public static final int MAX_FIELD_LENGTH = 2048;
  /** Bytes of a payload read at most, start line and headers together. */
  public static final int MAX_HEAD_LENGTH = 16 * 1024;
  static final int MIN_METHOD_LENGTH = 3;
  static final int MAX_METHOD_LENGTH = 16;
  static final int STATUS_LINE_MIN = 12; // "HTTP/1.1 200"

  private static final byte[] VERSION_PREFIX = ascii("HTTP/1.");
  private static final byte[] HOST = ascii("host");
  private static final byte[] USER_AGENT = ascii("user-agent");
  private static final byte[][] METHODS = {
      ascii("GET"), ascii("PUT"), ascii("POST"), ascii("HEAD"), ascii("COPY"), ascii("LOCK"), ascii("MOVE"),
      ascii("POLL"), ascii("BCOPY"), ascii("BMOVE"), ascii("MKCOL"), ascii("TRACE"), ascii("LABEL"),
      ascii("MERGE"), ascii("PATCH"), ascii("DELETE"), ascii("SEARCH"), ascii("UNLOCK"), ascii("REPORT"),
      ascii("UPDATE"), ascii("NOTIFY"), ascii("BDELETE"), ascii("CONNECT"), ascii("OPTIONS"), ascii("CHECKIN"),
      ascii("PROPFIND"), ascii("CHECKOUT"), ascii("CCM_POST"), ascii("M-SEARCH"), ascii("SUBSCRIBE"),
      ascii("PROPPATCH"), ascii("BPROPFIND"), ascii("BPROPPATCH"), ascii("UNCHECKOUT"), ascii("MKACTIVITY"),
      ascii("MKWORKSPACE"), ascii("UNSUBSCRIBE"), ascii("RPC_CONNECT"), ascii("RPC_IN_DATA"),
      ascii("RPC_OUT_DATA"), ascii("VERSION-CONTROL"), ascii("BASELINE-CONTROL"),
  };

  private HttpParser() {}

  /** Reads the message starting at {@code offset}; null when {@code buffer[offset, end)} does not start as HTTP/1.x. */
  public static HttpMessage parse(ByteBuffer buffer, int offset, int end) {
    return ArrayView.parse(buffer, offset, end, HttpParser::parse);
  }

  /** As {@link #parse(ByteBuffer, int, int)}, from {@code bytes[offset, end)}. */
  public static HttpMessage parse(byte[] buffer, int offset, int end) {
    return parse(buffer, offset, end, Detail.ALL);
  }

  /**
   * As {@link #parse(byte[], int, int)}; for {@link Detail#FLOW} without the text a flow record does not keep: no
   * version (null), and of a response its status alone (reason null, headers not read, {@code complete} false).
   */
  public static HttpMessage parse(byte[] buffer, int offset, int end, Detail detail) {
    end = Math.min(Math.min(end, buffer.length), offset + MAX_HEAD_LENGTH);
    if (offset < 0 || end - offset < MIN_METHOD_LENGTH + 1) {
      return null;
    }
    if (startsWith(buffer, offset, end, VERSION_PREFIX)) {
      return response(buffer, offset, end, detail);
    }
    int methodLength = methodLength(buffer, offset, end);
    return methodLength < 0 ? null : request(buffer, offset, end, methodLength, detail);
  }

  private static HttpRequest request(byte[] buffer, int offset, int end, int methodLength, Detail detail) {
    String method = text(buffer, offset, methodLength, false);
    int lineEnd = lineEnd(buffer, offset, end);
    if (lineEnd < 0) {
      return controlCharacterBefore(buffer, offset, end) ? null : new HttpRequest(method, null, null, null, null, false);
    }
    int contentEnd = trimCr(buffer, offset, lineEnd);
    while (contentEnd > offset + methodLength && isWhitespace(buffer[contentEnd - 1])) {
      contentEnd--; // "GET / HTTP/1.1 " still names its version
    }
    int lastSpace = lastSpace(buffer, offset + methodLength, contentEnd);
    if (lastSpace <= offset + methodLength + 1 || controlCharacterBefore(buffer, offset, contentEnd)
        || contentEnd - lastSpace - 1 <= VERSION_PREFIX.length
        || !startsWith(buffer, lastSpace + 1, contentEnd, VERSION_PREFIX)) {
      return null;
    }
    int uriStart = offset + methodLength + 1;
    Headers headers = new Headers();
    boolean complete = readHeaders(buffer, lineEnd + 1, end, headers);
    String version = detail == Detail.ALL ? text(buffer, lastSpace + 1, contentEnd - lastSpace - 1, false) : null;
    return new HttpRequest(method, text(buffer, uriStart, lastSpace - uriStart, false), version, headers.host,
        headers.userAgent, complete);
  }

  private static HttpResponse response(byte[] buffer, int offset, int end, Detail detail) {
    if (end - offset < STATUS_LINE_MIN || !isVersion(buffer, offset, offset + VERSION_PREFIX.length + 1)
        || buffer[offset + VERSION_PREFIX.length + 1] != ' ') {
      return null;
    }
    int codeStart = offset + VERSION_PREFIX.length + 2;
    int status = 0;
    for (int i = codeStart; i < codeStart + 3; i++) {
      int digit = buffer[i] - '0';
      if (digit < 0 || digit > 9) {
        return null;
      }
      status = status * 10 + digit;
    }
    boolean all = detail == Detail.ALL;
    String version = all ? text(buffer, offset, VERSION_PREFIX.length + 1, false) : null;
    int lineEnd = lineEnd(buffer, offset, end);
    if (lineEnd < 0) {
      return new HttpResponse(version, status, null, false);
    }
    int contentEnd = trimCr(buffer, offset, lineEnd);
    int reasonStart = codeStart + 3;
    if (reasonStart < contentEnd && buffer[reasonStart] != ' ') {
      return null; // a fourth digit, or text glued to the code
    }
    if (!all) {
      return new HttpResponse(null, status, null, false);
    }
    reasonStart = Math.min(reasonStart + 1, contentEnd);
    String reason = text(buffer, reasonStart, contentEnd - reasonStart, false);
    return new HttpResponse(version, status, reason, readHeaders(buffer, lineEnd + 1, end, new Headers()));
  }

  /** The first Host and User-Agent values. */
  private static final class Headers {
    String host;
    String userAgent;
  }

  /** Reads header lines from {@code pos}; true when the empty line ending them was reached before {@code end}. */
  private static boolean readHeaders(byte[] buffer, int pos, int end, Headers out) {
    while (pos < end) {
      int lineEnd = lineEnd(buffer, pos, end);
      if (lineEnd < 0) {
        return false;
      }
      int contentEnd = trimCr(buffer, pos, lineEnd);
      if (contentEnd == pos) {
        return true;
      }
      // A wanted field's name has no colon, so the line's first colon follows it exactly: look there rather than
      // search every line for its colon.
      if (out.host == null && isField(buffer, pos, contentEnd, HOST)) {
        out.host = value(buffer, pos + HOST.length + 1, contentEnd, true);
      } else if (out.userAgent == null && isField(buffer, pos, contentEnd, USER_AGENT)) {
        out.userAgent = value(buffer, pos + USER_AGENT.length + 1, contentEnd, false);
      }
      pos = lineEnd + 1;
    }
    return false;
  }

  /** Whether the header line {@code [pos, contentEnd)} is field {@code lowercaseName}, any case, and a colon. */
  private static boolean isField(byte[] buffer, int pos, int contentEnd, byte[] lowercaseName) {
    int colon = pos + lowercaseName.length;
    return colon < contentEnd && buffer[colon] == ':' && equalsIgnoreCase(buffer, pos, colon, lowercaseName);
  }

  /** The length of a known method token followed by a space at {@code offset}, or -1. */
  private static int methodLength(byte[] buffer, int offset, int end) {
    int first = buffer[offset];
    if (first < 'A' || first > 'Z') {
      return -1; // the fast exit for binary payloads
    }
    int limit = Math.min(end, offset + MAX_METHOD_LENGTH + 1);
    for (int i = offset + 1; i < limit; i++) {
      int c = buffer[i];
      if (c == ' ') {
        return isMethod(buffer, offset, i - offset) ? i - offset : -1;
      }
      if ((c < 'A' || c > 'Z') && c != '-' && c != '_') {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isMethod(byte[] buffer, int offset, int length) {
    for (byte[] method : METHODS) {
      if (method.length == length && startsWith(buffer, offset, offset + length, method)) {
        return true;
      }
    }
    return false;
  }

  /** {@code HTTP/1.} and a digit filling {@code [from, to)} exactly. */
  private static boolean isVersion(byte[] buffer, int from, int to) {
    if (to - from != VERSION_PREFIX.length + 1 || !startsWith(buffer, from, to, VERSION_PREFIX)) {
      return false;
    }
    int digit = buffer[to - 1];
    return digit >= '0' && digit <= '9';
  }

  /** The offset of the LF ending the line at {@code from}, or -1 when the payload ends first. */
  private static int lineEnd(byte[] buffer, int from, int end) {
    return indexOf(buffer, from, end, '\n');
  }

  private static int trimCr(byte[] buffer, int lineStart, int lineEnd) {
    return lineEnd > lineStart && buffer[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
  }

  private static int lastSpace(byte[] buffer, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (buffer[i] == ' ') {
        return i;
      }
    }
    return -1;
  }

  private static boolean controlCharacterBefore(byte[] buffer, int from, int to) {
    for (int i = from; i < to; i++) {
      int c = buffer[i] & 0xFF;
      if (c < ' ' || c == 0x7F) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(byte[] buffer, int from, int to, char c) {
    for (int i = from; i < to; i++) {
      if (buffer[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static String value(byte[] buffer, int from, int to, boolean lowercase) {
    while (from < to && isWhitespace(buffer[from])) {
      from++;
    }
    while (to > from && isWhitespace(buffer[to - 1])) {
      to--;
    }
    return to == from ? null : text(buffer, from, to - from, lowercase);
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t';
  }

  /** ISO-8859-1 text of at most {@link #MAX_FIELD_LENGTH} characters. */
  private static String text(byte[] buffer, int from, int length, boolean lowercase) {
    length = Math.min(length, MAX_FIELD_LENGTH);
    if (!lowercase) {
      return new String(buffer, from, length, StandardCharsets.ISO_8859_1);
    }
    byte[] lowered = new byte[length];
    for (int i = 0; i < length; i++) {
      int c = buffer[from + i];
      lowered[i] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return new String(lowered, StandardCharsets.ISO_8859_1);
  }

  private static boolean equalsIgnoreCase(byte[] buffer, int from, int to, byte[] lowercase) {
    if (to - from != lowercase.length) {
      return false;
    }
    for (int i = 0; i < lowercase.length; i++) {
      int c = buffer[from + i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lowercase[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] buffer, int offset, int end, byte[] prefix) {
    if (end - offset < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buffer[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
