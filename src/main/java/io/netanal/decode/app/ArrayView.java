package io.netanal.decode.app;

import java.nio.ByteBuffer;

/**
 * Runs a parser that reads a {@code byte[]} on a payload given in a {@code ByteBuffer}: the buffer's backing array
 * with the bounds moved by its array offset, or (a direct or read-only buffer) a copy of the payload. Every parser
 * here turns away an empty payload, so a payload that is empty, or starts before the buffer, gives null without
 * one. Stateless; any thread.
 */
final class ArrayView {
  /** A parser over {@code bytes[offset, end)}. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(byte[] bytes, int offset, int end);
  }

  private ArrayView() {}

  /** {@code parser}'s result for {@code buffer[offset, end)}, {@code end} kept within the buffer's limit. */
  static <T> T parse(ByteBuffer buffer, int offset, int end, Parser<T> parser) {
    end = Math.min(end, buffer.limit());
    if (offset < 0 || end <= offset) {
      return null;
    }
    if (buffer.hasArray()) {
      int base = buffer.arrayOffset();
      return parser.parse(buffer.array(), base + offset, base + end);
    }
    byte[] copy = new byte[end - offset];
    buffer.get(offset, copy);
    return parser.parse(copy, 0, copy.length);
  }
}
