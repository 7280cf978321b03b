package io.netanal.decode;

/**
 * Decodes an IPv6 header (RFC 8200), records its addresses as an IP layer and walks the extension header chain
 * (hop-by-hop options, routing, fragment, destination options; AH and ESP through {@link IpPayloadDecoder}).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Source Address (16)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Destination Address (16)                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Extension header (hop-by-hop, routing, destination options):   Fragment header:
 * +---------------+---------------+-----------------------+      +-------------+----------+-----------------+-+-+
 * |  Next Header  | Hdr Ext Len   | data ((len + 1) * 8)  |      | Next Header | Reserved | Fragment Offset |R|M|
 * +---------------+---------------+-----------------------+      +-------------+----------+-----------------+-+-+
 *                                                                |             Identification (4)              |
 *                                                                +---------------------------------------------+
 * </pre>
 *
 * <p>The payload length ends the packet (a length past the capture is a snaplen cut); 0 (a jumbogram, or TSO)
 * runs to the end of the frame. An extension header past the payload length is malformed, past the capture
 * truncated. A fragment with a non-zero offset ends decoding at its fragment header. Called on the decoding
 * thread only.
 */
final class Ipv6Decoder {
  static final int VERSION_OFFSET = 0;
  static final int PAYLOAD_LENGTH_OFFSET = 4;
  static final int NEXT_HEADER_OFFSET = 6;
  static final int SOURCE_OFFSET = 8;
  static final int DESTINATION_OFFSET = 24;
  static final int HEADER_SIZE = 40;
  static final int VERSION = 6;

  static final int HOP_BY_HOP = 0;
  static final int ROUTING = 43;
  static final int FRAGMENT = 44;
  static final int DESTINATION_OPTIONS = 60;
  static final int EXTENSION_NEXT_HEADER_OFFSET = 0;
  static final int EXTENSION_LENGTH_OFFSET = 1;
  static final int EXTENSION_MIN_SIZE = 8;
  static final int FRAGMENT_OFFSET_OFFSET = 2;
  static final int FRAGMENT_OFFSET_MASK = 0xFFF8;

  private Ipv6Decoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    // tshark leaves ipv6 out of frame.protocols when the version is wrong (it gives up before adding it).
    if (end - offset >= 1 && (buffer[offset + VERSION_OFFSET] & 0xF0) >>> 4 != VERSION) {
      out.fail(DecodeStatus.MALFORMED);
      return;
    }
    out.addProtocol(Protocol.IPV6);
    if (end - offset < HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    int payloadLength = Bytes.getShort(buffer, offset + PAYLOAD_LENGTH_OFFSET) & 0xFFFF;
    int payload = offset + HEADER_SIZE;
    int payloadEnd = payloadLength == 0 ? end : Math.min(payload + payloadLength, end);
    if (out.addIpv6(Bytes.getLong(buffer, offset + SOURCE_OFFSET), Bytes.getLong(buffer, offset + SOURCE_OFFSET + 8),
        Bytes.getLong(buffer, offset + DESTINATION_OFFSET), Bytes.getLong(buffer, offset + DESTINATION_OFFSET + 8))) {
      out.ipExtent(offset, payloadLength == 0 ? end - offset : HEADER_SIZE + payloadLength);
    }
    IpPayloadDecoder.decode(buffer[offset + NEXT_HEADER_OFFSET] & 0xFF, buffer, payload, payloadEnd, out);
  }

  /** One extension header of the chain; {@link IpPayloadDecoder} calls back for the next one. */
  static void decodeExtension(int type, byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(extensionProtocol(type));
    if (end - offset < EXTENSION_MIN_SIZE) {
      out.failShort(end);
      return;
    }
    int next = buffer[offset + EXTENSION_NEXT_HEADER_OFFSET] & 0xFF;
    if (type == FRAGMENT) {
      if ((Bytes.getShort(buffer, offset + FRAGMENT_OFFSET_OFFSET) & FRAGMENT_OFFSET_MASK) != 0) {
        return;
      }
      IpPayloadDecoder.decode(next, buffer, offset + EXTENSION_MIN_SIZE, end, out);
      return;
    }
    int length = ((buffer[offset + EXTENSION_LENGTH_OFFSET] & 0xFF) + 1) * 8;
    if (end - offset < length) {
      out.failShort(end);
      return;
    }
    IpPayloadDecoder.decode(next, buffer, offset + length, end, out);
  }

  private static int extensionProtocol(int type) {
    switch (type) {
      case HOP_BY_HOP: return Protocol.IPV6_HOPOPTS;
      case ROUTING: return Protocol.IPV6_ROUTING;
      case FRAGMENT: return Protocol.IPV6_FRAGHDR;
      default: return Protocol.IPV6_DSTOPTS;
    }
  }
}
