package io.netanal.decode;

/**
 * Skips a radiotap header (radiotap.org) to the 802.11 frame after it. Its fields are little-endian, unlike the
 * rest of the frame, so the length is read byte-swapped. tshark lists {@code radiotap} and the
 * {@code wlan_radio} summary it derives from it.
 *
 * <pre>
 * +---------+---------+--------------------+----------------------------------+
 * | version | pad     | length (LE, 2)     | present bitmap(s) (LE, 4 each)   |
 * |   0     |         | whole header, >= 8 | then the fields they announce    |
 * +---------+---------+--------------------+----------------------------------+
 * </pre>
 *
 * Called on the decoding thread only.
 */
final class RadiotapDecoder {
  static final int VERSION_OFFSET = 0;
  static final int LENGTH_OFFSET = 2;
  static final int MIN_HEADER_SIZE = 8;
  static final int VERSION = 0;

  private RadiotapDecoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.RADIOTAP);
    if (end - offset < MIN_HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    int length = Short.reverseBytes(Bytes.getShort(buffer, offset + LENGTH_OFFSET)) & 0xFFFF;
    if ((buffer[offset + VERSION_OFFSET] & 0xFF) != VERSION || length < MIN_HEADER_SIZE) {
      failBadHeader(out);
      return;
    }
    if (end - offset < length) {
      out.failShort(end);
      return;
    }
    out.addProtocol(Protocol.WLAN_RADIO);
    Ieee80211Decoder.decode(buffer, offset + length, end, out);
  }

  private static void failBadHeader(DecodedFrame out) {
    out.fail(DecodeStatus.MALFORMED);
  }
}
