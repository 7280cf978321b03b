package io.netanal.decode;

/**
 * Decodes the tunnels that carry whole packets inside UDP, chosen by their IANA port as tshark chooses them, and
 * the Network Service Header: the inner packet is decoded as usual, so its IP layer is recorded (up to
 * {@link DecodedFrame#MAX_IP_LAYERS}) and its transport header becomes the frame's.
 *
 * <pre>
 * GTP-U (3GPP TS 29.281; UDP 2152):
 * +----------------------+----------------+-------------+-----------+-------------------------------------+
 * | ver PT * E S PN (1)  | msg type (1)   | length (2)  | TEID (4)  | if E|S|PN: seq (2) N-PDU (1) next (1)|
 * +----------------------+----------------+-------------+-----------+-------------------------------------+
 *   extension headers: length (1, in 4-byte units) ... next type (1, last byte); type 0xFF (G-PDU) carries IP
 *
 * Teredo (RFC 4380 5.1.1; UDP 3544): optional authentication (0x0001, id len, auth len, id, auth, nonce 8,
 * confirmation 1) and origin indication (0x0000, port 2, address 4) headers, then IPv6.
 *
 * VXLAN (RFC 7348; UDP 4789):   flags (1) | reserved (3) | VNI (3) | reserved (1) | Ethernet ...
 * VXLAN-GPE (UDP 4790):         flags (1) | reserved (2) | next protocol (1) | VNI (3) | reserved (1) | ...
 * Geneve (RFC 8926; UDP 6081):  ver (2 bits) opt len (6 bits, 4-byte units) | flags (1) | EtherType (2) |
 *                               VNI (3) | reserved (1) | options ...
 * MPLS in UDP (RFC 7510; UDP 6635): an MPLS label stack.
 * CAPWAP data (RFC 5415; UDP 5247): see {@link CapwapDecoder}.
 *
 * NSH (RFC 8300; EtherType 0x894F, VXLAN-GPE next protocol 4):
 * +-----+-+-+-----------+-----------+-------+---------+---------------+----------------------+
 * | ver |O|U|  TTL (6)  | length (6)| rsvd  | MD type | next protocol | service path (4) ... |
 * +-----+-+-+-----------+-----------+-------+---------+---------------+----------------------+
 *   length counts the whole header in 4-byte words; next protocol (as in VXLAN-GPE): 1 IPv4, 2 IPv6,
 *   3 Ethernet, 4 NSH, 5 MPLS
 * </pre>
 *
 * Signalling messages (GTP echo, say) end at the tunnel's name. Called on the decoding thread only.
 */
final class TunnelDecoder {
  static final int GTP_PORT = 2152;
  static final int TEREDO_PORT = 3544;
  static final int VXLAN_PORT = 4789;
  static final int VXLAN_GPE_PORT = 4790;
  static final int GENEVE_PORT = 6081;
  static final int MPLS_PORT = 6635;

  static final int GTP_FLAGS_OFFSET = 0;
  static final int GTP_TYPE_OFFSET = 1;
  static final int GTP_HEADER_SIZE = 8;
  static final int GTP_OPTIONAL_SIZE = 4;
  static final int GTP_VERSION_1 = 0x20;
  static final int GTP_VERSION_MASK = 0xE0;
  static final int GTP_OPTIONAL_FLAGS = 0x07;
  static final int GTP_EXTENSION_FLAG = 0x04;
  static final int GTP_G_PDU = 0xFF;

  static final int TEREDO_AUTHENTICATION = 0x0001;
  static final int TEREDO_ORIGIN = 0x0000;
  static final int TEREDO_AUTHENTICATION_FIXED_SIZE = 4 + 8 + 1;
  static final int TEREDO_ORIGIN_SIZE = 8;

  static final int VXLAN_HEADER_SIZE = 8;
  static final int GPE_NEXT_PROTOCOL_OFFSET = 3;
  static final int GENEVE_PROTOCOL_OFFSET = 2;
  static final int GENEVE_HEADER_SIZE = 8;
  static final int GENEVE_OPTIONS_LENGTH_MASK = 0x3F;

  static final int NSH_LENGTH_OFFSET = 0;
  static final int NSH_NEXT_PROTOCOL_OFFSET = 3;
  static final int NSH_MIN_SIZE = 8;
  static final int NSH_LENGTH_MASK = 0x3F;

  static final int NEXT_IPV4 = 1;
  static final int NEXT_IPV6 = 2;
  static final int NEXT_ETHERNET = 3;
  static final int NEXT_NSH = 4;
  static final int NEXT_MPLS = 5;

  private TunnelDecoder() {}

  /** Decodes the tunnel on UDP {@code port}; false when the port is no tunnel's. */
  static boolean decodeUdp(int port, byte[] buffer, int offset, int end, DecodedFrame out) {
    switch (port) {
      case GTP_PORT:
        decodeGtp(buffer, offset, end, out);
        return true;
      case TEREDO_PORT:
        return decodeTeredo(buffer, offset, end, out);
      case VXLAN_PORT:
        out.addProtocol(Protocol.VXLAN);
        if (end - offset >= VXLAN_HEADER_SIZE && out.enter()) {
          EthernetDecoder.decode(buffer, offset + VXLAN_HEADER_SIZE, end, out);
        }
        return true;
      case VXLAN_GPE_PORT:
        out.addProtocol(Protocol.VXLAN);
        if (end - offset >= VXLAN_HEADER_SIZE) {
          next(buffer[offset + GPE_NEXT_PROTOCOL_OFFSET] & 0xFF, buffer, offset + VXLAN_HEADER_SIZE, end, out);
        }
        return true;
      case GENEVE_PORT:
        decodeGeneve(buffer, offset, end, out);
        return true;
      case MPLS_PORT:
        if (out.enter()) {
          MplsDecoder.decode(buffer, offset, end, out);
        }
        return true;
      case CapwapDecoder.DATA_PORT:
        CapwapDecoder.decodeData(buffer, offset, end, out);
        return true;
      default:
        return false;
    }
  }

  static void decodeNsh(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.NSH);
    if (end - offset < NSH_MIN_SIZE) {
      out.failShort(end);
      return;
    }
    int length = (buffer[offset + NSH_LENGTH_OFFSET + 1] & NSH_LENGTH_MASK) * 4;
    if (length < NSH_MIN_SIZE) {
      out.fail(DecodeStatus.MALFORMED);
      return;
    }
    if (end - offset < length) {
      out.failShort(end);
      return;
    }
    next(buffer[offset + NSH_NEXT_PROTOCOL_OFFSET] & 0xFF, buffer, offset + length, end, out);
  }

  private static void decodeGtp(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.GTP);
    if (end - offset < GTP_HEADER_SIZE) {
      return;
    }
    int flags = buffer[offset + GTP_FLAGS_OFFSET] & 0xFF;
    if ((flags & GTP_VERSION_MASK) != GTP_VERSION_1
        || (buffer[offset + GTP_TYPE_OFFSET] & 0xFF) != GTP_G_PDU) {
      return;
    }
    int position = offset + GTP_HEADER_SIZE;
    if ((flags & GTP_OPTIONAL_FLAGS) != 0) {
      if (end - position < GTP_OPTIONAL_SIZE) {
        out.failShort(end);
        return;
      }
      int nextType = buffer[position + GTP_OPTIONAL_SIZE - 1] & 0xFF;
      position += GTP_OPTIONAL_SIZE;
      while ((flags & GTP_EXTENSION_FLAG) != 0 && nextType != 0) {
        if (end - position < 1) {
          out.failShort(end);
          return;
        }
        int length = (buffer[position] & 0xFF) * 4;
        if (length == 0) {
          out.fail(DecodeStatus.MALFORMED);
          return;
        }
        if (end - position < length) {
          out.failShort(end);
          return;
        }
        nextType = buffer[position + length - 1] & 0xFF;
        position += length;
      }
    }
    if (out.enter()) {
      RawIpDecoder.decodeGuessing(buffer, position, end, out);
    }
  }

  /** Teredo carries IPv6 only: a payload that is not (after the optional headers) is not Teredo. */
  private static boolean decodeTeredo(byte[] buffer, int offset, int end, DecodedFrame out) {
    int position = offset;
    if (end - position >= 2 && (Bytes.getShort(buffer, position) & 0xFFFF) == TEREDO_AUTHENTICATION) {
      if (end - position < TEREDO_AUTHENTICATION_FIXED_SIZE) {
        return false;
      }
      position += TEREDO_AUTHENTICATION_FIXED_SIZE + (buffer[position + 2] & 0xFF)
          + (buffer[position + 3] & 0xFF);
    }
    if (end - position >= 2 && (Bytes.getShort(buffer, position) & 0xFFFF) == TEREDO_ORIGIN) {
      position += TEREDO_ORIGIN_SIZE;
    }
    if (end - position < Ipv6Decoder.HEADER_SIZE
        || (buffer[position] & 0xF0) >>> 4 != Ipv6Decoder.VERSION) {
      return false;
    }
    out.addProtocol(Protocol.TEREDO);
    if (out.enter()) {
      Ipv6Decoder.decode(buffer, position, end, out);
    }
    return true;
  }

  private static void decodeGeneve(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.GENEVE);
    if (end - offset < GENEVE_HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    int length = GENEVE_HEADER_SIZE + (buffer[offset] & GENEVE_OPTIONS_LENGTH_MASK) * 4;
    if (end - offset < length) {
      out.failShort(end);
      return;
    }
    int type = Bytes.getShort(buffer, offset + GENEVE_PROTOCOL_OFFSET) & 0xFFFF;
    EtherTypeDecoder.decode(type, buffer, offset + length, end, out);
  }

  /** The payload a VXLAN-GPE or NSH next-protocol number names; unknown numbers end decoding. */
  private static void next(int protocol, byte[] buffer, int offset, int end, DecodedFrame out) {
    if (!out.enter()) {
      return;
    }
    switch (protocol) {
      case NEXT_IPV4:
        Ipv4Decoder.decode(buffer, offset, end, out);
        break;
      case NEXT_IPV6:
        Ipv6Decoder.decode(buffer, offset, end, out);
        break;
      case NEXT_ETHERNET:
        EthernetDecoder.decode(buffer, offset, end, out);
        break;
      case NEXT_NSH:
        decodeNsh(buffer, offset, end, out);
        break;
      case NEXT_MPLS:
        MplsDecoder.decode(buffer, offset, end, out);
        break;
      default:
        break;
    }
  }
}
