package io.netanal.decode;

/**
 * Decodes an Ethernet II or IEEE 802.3 header (IEEE 802.3 clause 3; RFC 894 for IP over Ethernet).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Destination MAC (6)                            |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |     Source MAC (6)            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   EtherType (>= 0x600) or 802.3 length (<= 1500)              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>An EtherType goes to {@link EtherTypeDecoder}; a length announces an 802.2 LLC header ({@link LlcDecoder}),
 * except Novell's "raw 802.3" whose payload starts with IPX's 0xFFFF checksum. Values between 1501 and 0x5FF
 * are neither and end decoding at the link layer. Called on the decoding thread only.
 */
final class EthernetDecoder {
  static final int DESTINATION_OFFSET = 0;
  static final int SOURCE_OFFSET = 6;
  static final int TYPE_OFFSET = 12;
  static final int TYPE_SIZE = 2;
  static final int HEADER_SIZE = TYPE_OFFSET + TYPE_SIZE;
  /** Largest 802.3 length field; EtherTypes start at 0x600. */
  static final int MAX_LENGTH = 1500;
  static final int MIN_ETHERTYPE = 0x600;
  private static final int NOVELL_RAW_MARK = 0xFFFF;

  private EthernetDecoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.ETH);
    if (end - offset < HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    int type = Bytes.getShort(buffer, offset + TYPE_OFFSET) & 0xFFFF;
    int payload = offset + HEADER_SIZE;
    if (type >= MIN_ETHERTYPE) {
      out.addProtocol(Protocol.ETHERTYPE);
      EtherTypeDecoder.decode(type, buffer, payload, end, out);
    } else if (type <= MAX_LENGTH) {
      decode8023(type, buffer, payload, end, out);
    }
  }

  /** An 802.3 frame: the length bounds the LLC payload (the rest is padding). */
  static void decode8023(int length, byte[] buffer, int payload, int end, DecodedFrame out) {
    int payloadEnd = Math.min(payload + length, end);
    if (payloadEnd - payload >= 2 && (Bytes.getShort(buffer, payload) & 0xFFFF) == NOVELL_RAW_MARK) {
      return;
    }
    LlcDecoder.decode(buffer, payload, payloadEnd, out);
  }
}
