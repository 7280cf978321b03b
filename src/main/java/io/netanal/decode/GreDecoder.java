package io.netanal.decode;

/**
 * Decodes a GRE header, version 0 (RFC 2784 with the key and sequence fields of RFC 2890) and version 1 (the
 * enhanced GRE of PPTP, RFC 2637), and hands the payload on by its EtherType: IPv4, IPv6, transparent Ethernet
 * bridging (0x6558), PPP, MPLS, Cisco's ERSPAN mirror sessions (0x88BE, 0x22EB) and WCCP redirection (0x883E).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |C|R|K|S|s|Recur|A| Flags | Ver |         Protocol Type         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Checksum (optional)      |       Reserved1 (optional)    |  C or R
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Key (optional)                        |  K (always in version 1)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Sequence Number (optional)                    |  S
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              Acknowledgment Number (version 1, optional)      |  A
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The RFC 1701 routing field (R set in version 0) is not followed: decoding ends at {@code gre}. Other versions
 * are malformed. Called on the decoding thread only.
 */
final class GreDecoder {
  static final int FLAGS_OFFSET = 0;
  static final int PROTOCOL_OFFSET = 2;
  static final int BASE_SIZE = 4;
  static final int OPTION_SIZE = 4;
  /** Version 1: the key field's high half is the payload length (RFC 2637 section 4.1). */
  static final int PAYLOAD_LENGTH_OFFSET = 4;
  static final int FLAG_CHECKSUM = 0x8000;
  static final int FLAG_ROUTING = 0x4000;
  static final int FLAG_KEY = 0x2000;
  static final int FLAG_SEQUENCE = 0x1000;
  static final int FLAG_ACKNOWLEDGMENT = 0x0080;
  static final int VERSION_MASK = 0x0007;
  /** Cisco ERSPAN types I and II (type I has no GRE sequence number and no ERSPAN header). */
  static final int ERSPAN_II = 0x88BE;
  static final int ERSPAN_III = 0x22EB;
  static final int ERSPAN_II_HEADER_SIZE = 8;
  static final int ERSPAN_III_HEADER_SIZE = 12;
  static final int ERSPAN_III_FLAGS_OFFSET = 10;
  static final int ERSPAN_III_FRAME_TYPE_SHIFT = 10;
  static final int ERSPAN_III_FRAME_TYPE_MASK = 0x1F;
  static final int ERSPAN_III_OPTIONAL_FLAG = 0x0001;
  static final int ERSPAN_III_PLATFORM_SIZE = 8;
  /** Cisco WCCP's redirected packets. */
  static final int WCCP = 0x883E;
  static final int WCCP_HEADER_SIZE = 4;

  private GreDecoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.GRE);
    if (end - offset < BASE_SIZE) {
      out.failShort(end);
      return;
    }
    int flags = Bytes.getShort(buffer, offset + FLAGS_OFFSET) & 0xFFFF;
    int length = BASE_SIZE;
    switch (flags & VERSION_MASK) {
      case 0:
        if ((flags & FLAG_ROUTING) != 0) {
          return;
        }
        length += (flags & FLAG_CHECKSUM) != 0 ? OPTION_SIZE : 0;
        length += (flags & FLAG_KEY) != 0 ? OPTION_SIZE : 0;
        length += (flags & FLAG_SEQUENCE) != 0 ? OPTION_SIZE : 0;
        break;
      case 1:
        length += OPTION_SIZE;
        length += (flags & FLAG_SEQUENCE) != 0 ? OPTION_SIZE : 0;
        length += (flags & FLAG_ACKNOWLEDGMENT) != 0 ? OPTION_SIZE : 0;
        break;
      default:
        failUnknownVersion(out);
        return;
    }
    if (end - offset < length) {
      out.failShort(end);
      return;
    }
    if ((flags & VERSION_MASK) == 1 && (Bytes.getShort(buffer, offset + PAYLOAD_LENGTH_OFFSET) & 0xFFFF) == 0) {
      return; // a PPTP acknowledgment alone: no PPP frame follows (tshark: eth:ethertype:ip:gre)
    }
    int type = Bytes.getShort(buffer, offset + PROTOCOL_OFFSET) & 0xFFFF;
    int payload = offset + length;
    switch (type) {
      case ERSPAN_II:
        decodeErspan(type, (flags & FLAG_SEQUENCE) != 0, buffer, payload, end, out);
        break;
      case ERSPAN_III:
        decodeErspan(type, true, buffer, payload, end, out);
        break;
      case WCCP:
        decodeWccp(buffer, payload, end, out);
        break;
      default:
        EtherTypeDecoder.decode(type, buffer, payload, end, out);
        break;
    }
  }

  /**
   * An ERSPAN header, then the mirrored Ethernet frame. Type I has no header and no GRE sequence number; type II
   * has 8 bytes; type III has 12, plus an 8-byte platform sub-header when its O flag is set, and a frame type
   * (FT) that must be 0 (Ethernet).
   */
  private static void decodeErspan(int type, boolean hasHeader, byte[] buffer, int offset, int end,
      DecodedFrame out) {
    out.addProtocol(Protocol.ERSPAN);
    int length = 0;
    if (hasHeader) {
      length = type == ERSPAN_II ? ERSPAN_II_HEADER_SIZE : ERSPAN_III_HEADER_SIZE;
      if (end - offset < length) {
        out.failShort(end);
        return;
      }
      if (type == ERSPAN_III) {
        int word = Bytes.getShort(buffer, offset + ERSPAN_III_FLAGS_OFFSET) & 0xFFFF;
        if (((word >>> ERSPAN_III_FRAME_TYPE_SHIFT) & ERSPAN_III_FRAME_TYPE_MASK) != 0) {
          return;
        }
        if ((word & ERSPAN_III_OPTIONAL_FLAG) != 0) {
          length += ERSPAN_III_PLATFORM_SIZE;
          if (end - offset < length) {
            out.failShort(end);
            return;
          }
        }
      }
    }
    if (out.enter()) {
      EthernetDecoder.decode(buffer, offset + length, end, out);
    }
  }

  /** Cisco WCCP redirection: a 4-byte redirect header before the IPv4 packet, or none (the packet's 0x4 nibble). */
  private static void decodeWccp(byte[] buffer, int offset, int end, DecodedFrame out) {
    if (end - offset < 1 || !out.enter()) {
      return;
    }
    int start = (buffer[offset] & 0xF0) >>> 4 == Ipv4Decoder.VERSION ? offset : offset + WCCP_HEADER_SIZE;
    Ipv4Decoder.decode(buffer, start, end, out);
  }

  private static void failUnknownVersion(DecodedFrame out) {
    out.fail(DecodeStatus.MALFORMED);
  }
}
