package io.netanal.decode.app;

/**
 * Big-endian (network order) reads from a payload's bytes, small enough that C1 inlines them: the parsers read a
 * {@code byte[]} rather than a {@code ByteBuffer}, whose every get is a virtual call C1 does not inline once heap
 * and direct buffers are both loaded. Stateless; any thread.
 */
final class BigEndian {
  private BigEndian() {}

  static int u8(byte[] bytes, int at) {
    return bytes[at] & 0xFF;
  }

  static int u16(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
  }

  static int int32(byte[] bytes, int at) {
    return u16(bytes, at) << 16 | u16(bytes, at + 2);
  }

  static long int64(byte[] bytes, int at) {
    return (long) int32(bytes, at) << 32 | int32(bytes, at + 4) & 0xFFFFFFFFL;
  }
}
