package io.netanal.decode.app;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Builds test payloads from hex fields, one field per argument so each can carry its own comment, and hands them
 * to a parser the way the pipeline does: from the middle of a larger BIG_ENDIAN buffer, checking that the parser
 * left the buffer's position and limit alone.
 */
final class Payloads {
  /** Bytes before the payload, so that a parser reading from 0 instead of the offset fails. */
  static final int LEADING_GARBAGE = 7;
  /** Bytes after it, so that a parser reading past {@code end} finds garbage rather than an exception. */
  static final int TRAILING_GARBAGE = 9;

  private Payloads() {}

  static byte[] bytes(String... hexFields) {
    String hex = String.join("", hexFields).replaceAll("\\s+", "");
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException("odd hex length: " + hex);
    }
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }

  /** The hex of an ASCII string, for text fields inside binary fixtures. */
  static String hexOf(String ascii) {
    StringBuilder hex = new StringBuilder();
    for (byte b : ascii.getBytes(StandardCharsets.ISO_8859_1)) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The view a parser gets of a payload: where it starts and ends in the buffer. */
  record View(ByteBuffer buffer, int offset, int end) {}

  /** Runs {@code parser} on {@code payload} placed between garbage bytes (0xA5, which no field here expects). */
  static <T> T parse(byte[] payload, Function<View, T> parser) {
    byte[] backing = new byte[LEADING_GARBAGE + payload.length + TRAILING_GARBAGE];
    Arrays.fill(backing, (byte) 0xA5);
    System.arraycopy(payload, 0, backing, LEADING_GARBAGE, payload.length);
    ByteBuffer buffer = ByteBuffer.wrap(backing).order(ByteOrder.BIG_ENDIAN);
    buffer.position(3).limit(backing.length - 2);
    T result = parser.apply(new View(buffer, LEADING_GARBAGE, LEADING_GARBAGE + payload.length));
    if (buffer.position() != 3 || buffer.limit() != backing.length - 2 || buffer.order() != ByteOrder.BIG_ENDIAN) {
      throw new AssertionError("parser changed the buffer's position, limit or order");
    }
    return result;
  }

  static DnsMessage dns(byte[] payload, boolean overTcp) {
    return parse(payload, v -> DnsParser.parse(v.buffer(), v.offset(), v.end(), overTcp));
  }

  static TlsHello tls(byte[] payload) {
    return parse(payload, v -> TlsHelloParser.parse(v.buffer(), v.offset(), v.end()));
  }

  static HttpMessage http(byte[] payload) {
    return parse(payload, v -> HttpParser.parse(v.buffer(), v.offset(), v.end()));
  }

  static byte[] cut(byte[] payload, int length) {
    return Arrays.copyOf(payload, length);
  }
}
