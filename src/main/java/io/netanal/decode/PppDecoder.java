package io.netanal.decode;

/**
 * Decodes PPP (RFC 1661) with or without the HDLC-like address and control bytes (RFC 1662), and the PPPoE
 * session header that carries it over Ethernet (RFC 2516).
 *
 * <pre>
 * PPP in HDLC-like framing:           PPPoE session header:
 * +----------+----------+----------+   0                   1                   2                   3
 * | Address  | Control  | Protocol |   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |   0xFF   |   0x03   |  1 or 2  |  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * +----------+----------+----------+  |  VER  | TYPE  |     CODE      |          SESSION_ID           |
 * (address and control are optional;  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  an odd first protocol byte means   |            LENGTH             |   PPP protocol, payload ...
 *  a compressed 1-byte protocol)      +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Some routers write Cisco HDLC frames (address 0x0F unicast or 0x8F multicast, control 0x00, EtherType; see
 * {@link SerialLinkDecoder}) under the PPP link types. Like tshark's PPP-in-HDLC dissector, {@link #decodeFramed}
 * takes any frame whose first byte is one of those addresses for Cisco HDLC, counted as {@code ppp} then
 * {@code chdlc} ({@code frame.protocols} {@code ppp:chdlc:ip:tcp}). PPPoE carries bare PPP and does not do this.
 *
 * <p>Control protocols (LCP, IPCP, ...) end decoding at {@code ppp}. Called on the decoding thread only.
 */
final class PppDecoder {
  static final int ADDRESS_ALL_STATIONS = 0xFF;
  static final int CONTROL_UI = 0x03;
  static final int ADDRESS_CONTROL_SIZE = 2;
  static final int PROTOCOL_IPV4 = 0x0021;
  static final int PROTOCOL_IPV6 = 0x0057;
  static final int PROTOCOL_MPLS_UNICAST = 0x0281;
  static final int PROTOCOL_MPLS_MULTICAST = 0x0283;

  static final int PPPOE_VERSION_TYPE_OFFSET = 0;
  static final int PPPOE_CODE_OFFSET = 1;
  static final int PPPOE_SESSION_OFFSET = 2;
  static final int PPPOE_LENGTH_OFFSET = 4;
  static final int PPPOE_HEADER_SIZE = 6;
  /** Version 1, type 1: the only combination RFC 2516 defines. */
  static final int PPPOE_VERSION_TYPE = 0x11;
  static final int PPPOE_CODE_SESSION_DATA = 0x00;

  private PppDecoder() {}

  /**
   * PPP as the link layer (LINKTYPE_PPP, LINKTYPE_PPP_HDLC) or inside GRE: HDLC-like framing, or Cisco HDLC
   * framing in its place.
   */
  static void decodeFramed(byte[] buffer, int offset, int end, DecodedFrame out) {
    if (end > offset) {
      int address = buffer[offset] & 0xFF;
      if (address == SerialLinkDecoder.CHDLC_UNICAST || address == SerialLinkDecoder.CHDLC_MULTICAST) {
        out.addProtocol(Protocol.PPP);
        SerialLinkDecoder.decodeCiscoHdlc(buffer, offset, end, out);
        return;
      }
    }
    decode(buffer, offset, end, out);
  }

  /** Bare PPP, address and control bytes optional (PPPoE, and {@link #decodeFramed} once framing is known). */
  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.PPP);
    int position = offset;
    if (end - position >= ADDRESS_CONTROL_SIZE
        && (buffer[position] & 0xFF) == ADDRESS_ALL_STATIONS
        && (buffer[position + 1] & 0xFF) == CONTROL_UI) {
      position += ADDRESS_CONTROL_SIZE;
    }
    if (end - position < 1) {
      out.failShort(end);
      return;
    }
    int protocol = buffer[position] & 0xFF;
    if ((protocol & 1) != 0) {
      position += 1;
    } else {
      if (end - position < 2) {
        out.failShort(end);
        return;
      }
      protocol = Bytes.getShort(buffer, position) & 0xFFFF;
      position += 2;
    }
    switch (protocol) {
      case PROTOCOL_IPV4:
        Ipv4Decoder.decode(buffer, position, end, out);
        break;
      case PROTOCOL_IPV6:
        Ipv6Decoder.decode(buffer, position, end, out);
        break;
      case PROTOCOL_MPLS_UNICAST:
      case PROTOCOL_MPLS_MULTICAST:
        if (out.enter()) {
          MplsDecoder.decode(buffer, position, end, out);
        }
        break;
      default:
        break;
    }
  }

  static void decodePppoeSession(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.PPPOE);
    if (end - offset < PPPOE_HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    if ((buffer[offset + PPPOE_VERSION_TYPE_OFFSET] & 0xFF) != PPPOE_VERSION_TYPE
        || (buffer[offset + PPPOE_CODE_OFFSET] & 0xFF) != PPPOE_CODE_SESSION_DATA) {
      out.fail(DecodeStatus.MALFORMED);
      return;
    }
    int length = Bytes.getShort(buffer, offset + PPPOE_LENGTH_OFFSET) & 0xFFFF;
    int payload = offset + PPPOE_HEADER_SIZE;
    // Ethernet pads short frames: the PPPoE length, not the frame, says where the PPP payload ends.
    // PPPoE sends PPP without address and control bytes; 0xFF 0x03 cannot start a protocol number (its first
    // byte is always even), so sharing decode's optional framing is unambiguous.
    decode(buffer, payload, Math.min(payload + length, end), out);
  }
}
