package io.netanal.decode;

/**
 * Big-endian reads from a frame's bytes, small enough that C1 inlines them (a {@code ByteBuffer} get is a virtual
 * call C1 cannot inline once heap and direct buffers are both loaded, and most of the decoder's time went there).
 * Each read is as {@code ByteBuffer}'s in BIG_ENDIAN order: {@link #getShort} and {@link #getInt} sign-extend,
 * callers mask. Called on the decoding thread only.
 */
final class Bytes {
  private Bytes() {}

  static short getShort(byte[] bytes, int at) {
    return (short) (bytes[at] << 8 | bytes[at + 1] & 0xFF);
  }

  static int getInt(byte[] bytes, int at) {
    return unsignedShort(bytes, at) << 16 | unsignedShort(bytes, at + 2);
  }

  static long getLong(byte[] bytes, int at) {
    return (long) getInt(bytes, at) << 32 | getInt(bytes, at + 4) & 0xFFFFFFFFL;
  }

  private static int unsignedShort(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
  }
}
