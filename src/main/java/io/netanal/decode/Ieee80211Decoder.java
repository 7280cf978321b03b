package io.netanal.decode;

/**
 * Decodes an IEEE 802.11 MAC header (IEEE Std 802.11-2020, 9.2) far enough to reach a data frame's LLC/SNAP
 * payload; management and control frames end at {@code wlan}.
 *
 * <pre>
 * +---------+----------+------+------+------+----------+------+-------------+------------+------
 * | Frame   | Duration | Addr | Addr | Addr | Sequence | Addr | QoS Control | HT Control | Body
 * | Control |          |  1   |  2   |  3   | Control  |  4   |  (QoS data) |  (+Order)  | (LLC)
 * +---------+----------+------+------+------+----------+------+-------------+------------+------
 *     2          2        6      6      6        2        6         2             4
 *                                               (ToDS and FromDS)
 * Frame Control, first byte: subtype (4 bits) | type (2) | protocol version (2);
 * second byte: Order 0x80, Protected 0x40, ..., FromDS 0x02, ToDS 0x01.
 * </pre>
 *
 * A data frame (type 2) has a 24-byte header, 30 with four addresses; QoS subtypes (bit 3 of the subtype) add 2
 * and, with the Order bit, 4 more for HT control. Null-data subtypes (bit 2) carry no body, and protected
 * frames' bodies are encrypted: both end at {@code wlan}. A frame check sequence, when the capture keeps one,
 * stays in the body; the IP total length keeps it out of the IP payload. CAPWAP ({@link CapwapDecoder}) carries
 * frames whose frame control bytes are swapped. Called on the decoding thread only.
 */
final class Ieee80211Decoder {
  static final int FRAME_CONTROL_OFFSET = 0;
  static final int FLAGS_OFFSET = 1;
  static final int FRAME_CONTROL_SIZE = 2;
  static final int DATA_HEADER_SIZE = 24;
  static final int ADDRESS_4_SIZE = 6;
  static final int QOS_CONTROL_SIZE = 2;
  static final int HT_CONTROL_SIZE = 4;
  static final int TYPE_DATA = 2;
  static final int SUBTYPE_QOS = 0x08;
  static final int SUBTYPE_NO_BODY = 0x04;
  static final int FLAG_TO_DS = 0x01;
  static final int FLAG_FROM_DS = 0x02;
  static final int FLAG_PROTECTED = 0x40;
  static final int FLAG_ORDER = 0x80;

  private Ieee80211Decoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    decode(buffer, offset, end, out, false);
  }

  /** A frame whose two frame control bytes come swapped, as CAPWAP access points send them. */
  static void decodeSwapped(byte[] buffer, int offset, int end, DecodedFrame out) {
    decode(buffer, offset, end, out, true);
  }

  private static void decode(byte[] buffer, int offset, int end, DecodedFrame out, boolean swapped) {
    out.addProtocol(Protocol.WLAN);
    if (end - offset < FRAME_CONTROL_SIZE) {
      out.failShort(end);
      return;
    }
    int control = buffer[offset + (swapped ? FLAGS_OFFSET : FRAME_CONTROL_OFFSET)] & 0xFF;
    int flags = buffer[offset + (swapped ? FRAME_CONTROL_OFFSET : FLAGS_OFFSET)] & 0xFF;
    if (((control >>> 2) & 0x03) != TYPE_DATA) {
      return;
    }
    int subtype = control >>> 4;
    int headerLength = DATA_HEADER_SIZE;
    if ((flags & (FLAG_TO_DS | FLAG_FROM_DS)) == (FLAG_TO_DS | FLAG_FROM_DS)) {
      headerLength += ADDRESS_4_SIZE;
    }
    if ((subtype & SUBTYPE_QOS) != 0) {
      headerLength += QOS_CONTROL_SIZE;
      if ((flags & FLAG_ORDER) != 0) {
        headerLength += HT_CONTROL_SIZE;
      }
    }
    if (end - offset < headerLength) {
      out.failShort(end);
      return;
    }
    if ((subtype & SUBTYPE_NO_BODY) != 0 || (flags & FLAG_PROTECTED) != 0 || end - offset == headerLength) {
      return;
    }
    LlcDecoder.decode(buffer, offset + headerLength, end, out);
  }
}
