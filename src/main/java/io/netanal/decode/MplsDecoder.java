package io.netanal.decode;

/**
 * Decodes an MPLS label stack (RFC 3032) and guesses the payload from its first nibble, as tshark does: 4 is
 * IPv4, 6 is IPv6; anything else (pseudowires with a control word, for instance) ends decoding at {@code mpls}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Label                  | TC  |S|      TTL      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Called on the decoding thread only.
 */
final class MplsDecoder {
  static final int ENTRY_SIZE = 4;
  /** The bottom-of-stack bit, in the entry read as a big-endian int. */
  static final int BOTTOM_OF_STACK = 0x100;

  private MplsDecoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.MPLS);
    int entry = offset;
    while (true) {
      if (end - entry < ENTRY_SIZE) {
        out.failShort(end);
        return;
      }
      boolean bottom = (Bytes.getInt(buffer, entry) & BOTTOM_OF_STACK) != 0;
      entry += ENTRY_SIZE;
      if (bottom) {
        break;
      }
    }
    RawIpDecoder.decodeGuessing(buffer, entry, end, out);
  }
}
