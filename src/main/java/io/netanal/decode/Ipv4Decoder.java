package io.netanal.decode;

/**
 * Decodes an IPv4 header (RFC 791), records its addresses as an IP layer and hands the payload on by protocol
 * number.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (IHL > 5)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The total length ends the payload (Ethernet padding follows it); a total length past the captured bytes is
 * a snaplen cut, not an error, and the payload stops at the capture. A total length of 0 is what hosts with TCP
 * segmentation offload capture: the payload then runs to the end of the frame, as tshark's default assumes.
 * Only the fragment at offset 0 carries the transport header; later fragments end at {@code ip}. A loose or strict
 * source route option makes its last address the recorded destination, as tshark's {@code ip.dst}. A header whose
 * version is 6 is decoded as IPv6 (after counting {@code ip}), as tshark does. Called on the decoding thread only.
 */
final class Ipv4Decoder {
  static final int VERSION_IHL_OFFSET = 0;
  static final int TOTAL_LENGTH_OFFSET = 2;
  static final int FLAGS_FRAGMENT_OFFSET = 6;
  static final int PROTOCOL_OFFSET = 9;
  static final int SOURCE_OFFSET = 12;
  static final int DESTINATION_OFFSET = 16;
  static final int MIN_HEADER_SIZE = 20;
  static final int FRAGMENT_OFFSET_MASK = 0x1FFF;
  static final int VERSION = 4;
  static final int OPTION_END = 0;
  static final int OPTION_NO_OPERATION = 1;
  static final int OPTION_LOOSE_SOURCE_ROUTE = 131;
  static final int OPTION_STRICT_SOURCE_ROUTE = 137;
  /** Type, length and pointer before a route option's addresses. */
  static final int ROUTE_OPTION_FIXED_SIZE = 3;

  private Ipv4Decoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.IP);
    if (end - offset < MIN_HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    int versionIhl = buffer[offset + VERSION_IHL_OFFSET] & 0xFF;
    int headerLength = (versionIhl & 0x0F) * 4;
    if (versionIhl >>> 4 != VERSION || headerLength < MIN_HEADER_SIZE) {
      badVersionOrLength(versionIhl, buffer, offset, end, out);
      return;
    }
    if (end - offset < headerLength) {
      out.failShort(end);
      return;
    }
    int totalLength = Bytes.getShort(buffer, offset + TOTAL_LENGTH_OFFSET) & 0xFFFF;
    int payloadEnd;
    if (totalLength == 0) {
      payloadEnd = end;
    } else if (totalLength < headerLength) {
      failTotalLengthBelowHeader(out);
      return;
    } else {
      payloadEnd = Math.min(offset + totalLength, end);
    }
    int destination = Bytes.getInt(buffer, offset + DESTINATION_OFFSET);
    if (headerLength > MIN_HEADER_SIZE) {
      destination = finalDestination(buffer, offset + MIN_HEADER_SIZE, offset + headerLength, destination);
    }
    if (out.addIpv4(Bytes.getInt(buffer, offset + SOURCE_OFFSET), destination)) {
      out.ipExtent(offset, totalLength == 0 ? end - offset : totalLength);
    }
    if ((Bytes.getShort(buffer, offset + FLAGS_FRAGMENT_OFFSET) & FRAGMENT_OFFSET_MASK) != 0) {
      return;
    }
    IpPayloadDecoder.decode(buffer[offset + PROTOCOL_OFFSET] & 0xFF, buffer, offset + headerLength,
        payloadEnd, out);
  }

  /**
   * The last address of a loose or strict source route option (RFC 791 3.1), which is where the packet is going
   * and what tshark reports as its destination; {@code destination} when there is no such option.
   */
  private static int finalDestination(byte[] buffer, int options, int end, int destination) {
    int position = options;
    while (position < end) {
      int type = buffer[position] & 0xFF;
      if (type == OPTION_END) {
        break;
      }
      if (type == OPTION_NO_OPERATION) {
        position++;
        continue;
      }
      if (end - position < 2) {
        break;
      }
      int length = buffer[position + 1] & 0xFF;
      if (length < 2 || end - position < length) {
        break;
      }
      if ((type == OPTION_LOOSE_SOURCE_ROUTE || type == OPTION_STRICT_SOURCE_ROUTE)
          && length >= ROUTE_OPTION_FIXED_SIZE + 4) {
        int addresses = (length - ROUTE_OPTION_FIXED_SIZE) / 4;
        return Bytes.getInt(buffer, position + ROUTE_OPTION_FIXED_SIZE + (addresses - 1) * 4);
      }
      position += length;
    }
    return destination;
  }

  /** Off the common path: tshark's IPv4 dissector hands a version-6 header to IPv6 (counting both), so does this. */
  private static void badVersionOrLength(int versionIhl, byte[] buffer, int offset, int end, DecodedFrame out) {
    if (versionIhl >>> 4 == Ipv6Decoder.VERSION) {
      Ipv6Decoder.decode(buffer, offset, end, out);
    } else {
      out.fail(DecodeStatus.MALFORMED);
    }
  }

  private static void failTotalLengthBelowHeader(DecodedFrame out) {
    out.fail(DecodeStatus.MALFORMED);
  }
}
