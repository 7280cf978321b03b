package io.netanal.flow;

/**
 * SHA-1 (FIPS 180-4) of a message that fits one 64-byte block with its padding: at most {@link #MAX_LENGTH} bytes,
 * as a Community ID's input (at most 40) always does.
 *
 * <p>{@code MessageDigest}'s SHA-1 costs twice as much for such a message under the C1 compiler the single binary
 * runs on: its reset, buffering, padding and byte-order copies around the one compression, each a call; {@code
 * flows --json} asks for a digest per flow. Not thread-safe: one instance per thread (it reuses its schedule).
 */
final class OneBlockSha1 {
  /** 64 bytes less the padding's 0x80 and the 8-byte message length. */
  static final int MAX_LENGTH = 55;
  static final int DIGEST_LENGTH = 20;

  private final int[] w = new int[80];

  /** Writes the digest of {@code input[0..length)} into {@code digest[0..20)}. */
  void digest(byte[] input, int length, byte[] digest) {
    if (length < 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("one-block SHA-1 message: " + length + " bytes (expected: 0 to "
          + MAX_LENGTH + ")");
    }
    int[] w = this.w;
    for (int i = 0; i < 16; i++) {
      w[i] = 0;
    }
    for (int i = 0; i < length; i++) {
      w[i >> 2] |= (input[i] & 0xff) << (24 - 8 * (i & 3)); // big-endian words
    }
    w[length >> 2] |= 0x80 << (24 - 8 * (length & 3)); // the padding's one bit
    w[15] = length << 3; // the length in bits; its high word, w[14], stays 0
    for (int t = 16; t < 80; t++) {
      w[t] = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    }
    int a = 0x67452301;
    int b = 0xEFCDAB89;
    int c = 0x98BADCFE;
    int d = 0x10325476;
    int e = 0xC3D2E1F0;
    // Five steps per iteration with the variables' roles renamed instead of moved, and a loop per round of 20 steps
    // (no branch per step): what C1 compiles well.
    for (int t = 0; t < 20; t += 5) {
      e += Integer.rotateLeft(a, 5) + ((b & c) | (~b & d)) + w[t] + 0x5A827999;
      b = Integer.rotateLeft(b, 30);
      d += Integer.rotateLeft(e, 5) + ((a & b) | (~a & c)) + w[t + 1] + 0x5A827999;
      a = Integer.rotateLeft(a, 30);
      c += Integer.rotateLeft(d, 5) + ((e & a) | (~e & b)) + w[t + 2] + 0x5A827999;
      e = Integer.rotateLeft(e, 30);
      b += Integer.rotateLeft(c, 5) + ((d & e) | (~d & a)) + w[t + 3] + 0x5A827999;
      d = Integer.rotateLeft(d, 30);
      a += Integer.rotateLeft(b, 5) + ((c & d) | (~c & e)) + w[t + 4] + 0x5A827999;
      c = Integer.rotateLeft(c, 30);
    }
    for (int t = 20; t < 40; t += 5) {
      e += Integer.rotateLeft(a, 5) + (b ^ c ^ d) + w[t] + 0x6ED9EBA1;
      b = Integer.rotateLeft(b, 30);
      d += Integer.rotateLeft(e, 5) + (a ^ b ^ c) + w[t + 1] + 0x6ED9EBA1;
      a = Integer.rotateLeft(a, 30);
      c += Integer.rotateLeft(d, 5) + (e ^ a ^ b) + w[t + 2] + 0x6ED9EBA1;
      e = Integer.rotateLeft(e, 30);
      b += Integer.rotateLeft(c, 5) + (d ^ e ^ a) + w[t + 3] + 0x6ED9EBA1;
      d = Integer.rotateLeft(d, 30);
      a += Integer.rotateLeft(b, 5) + (c ^ d ^ e) + w[t + 4] + 0x6ED9EBA1;
      c = Integer.rotateLeft(c, 30);
    }
    for (int t = 40; t < 60; t += 5) {
      e += Integer.rotateLeft(a, 5) + ((b & c) | (b & d) | (c & d)) + w[t] + 0x8F1BBCDC;
      b = Integer.rotateLeft(b, 30);
      d += Integer.rotateLeft(e, 5) + ((a & b) | (a & c) | (b & c)) + w[t + 1] + 0x8F1BBCDC;
      a = Integer.rotateLeft(a, 30);
      c += Integer.rotateLeft(d, 5) + ((e & a) | (e & b) | (a & b)) + w[t + 2] + 0x8F1BBCDC;
      e = Integer.rotateLeft(e, 30);
      b += Integer.rotateLeft(c, 5) + ((d & e) | (d & a) | (e & a)) + w[t + 3] + 0x8F1BBCDC;
      d = Integer.rotateLeft(d, 30);
      a += Integer.rotateLeft(b, 5) + ((c & d) | (c & e) | (d & e)) + w[t + 4] + 0x8F1BBCDC;
      c = Integer.rotateLeft(c, 30);
    }
    for (int t = 60; t < 80; t += 5) {
      e += Integer.rotateLeft(a, 5) + (b ^ c ^ d) + w[t] + 0xCA62C1D6;
      b = Integer.rotateLeft(b, 30);
      d += Integer.rotateLeft(e, 5) + (a ^ b ^ c) + w[t + 1] + 0xCA62C1D6;
      a = Integer.rotateLeft(a, 30);
      c += Integer.rotateLeft(d, 5) + (e ^ a ^ b) + w[t + 2] + 0xCA62C1D6;
      e = Integer.rotateLeft(e, 30);
      b += Integer.rotateLeft(c, 5) + (d ^ e ^ a) + w[t + 3] + 0xCA62C1D6;
      d = Integer.rotateLeft(d, 30);
      a += Integer.rotateLeft(b, 5) + (c ^ d ^ e) + w[t + 4] + 0xCA62C1D6;
      c = Integer.rotateLeft(c, 30);
    }
    put(0x67452301 + a, digest, 0);
    put(0xEFCDAB89 + b, digest, 4);
    put(0x98BADCFE + c, digest, 8);
    put(0x10325476 + d, digest, 12);
    put(0xC3D2E1F0 + e, digest, 16);
  }

  private static void put(int word, byte[] out, int at) {
    out[at] = (byte) (word >>> 24);
    out[at + 1] = (byte) (word >>> 16);
    out[at + 2] = (byte) (word >>> 8);
    out[at + 3] = (byte) word;
  }
}
