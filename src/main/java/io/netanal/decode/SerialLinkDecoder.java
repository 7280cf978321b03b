package io.netanal.decode;

/**
 * Decodes the serial-line link types that carry IP after a short address header: Cisco HDLC (LINKTYPE_C_HDLC) and
 * Frame Relay (LINKTYPE_FRELAY; ITU-T Q.922 addresses, RFC 2427 multiprotocol encapsulation).
 *
 * <pre>
 * Cisco HDLC:
 * +-------------------------+-------------+---------------------------+
 * | address 0x0F / 0x8F (1) | control (1) | protocol, an EtherType (2)|
 * +-------------------------+-------------+---------------------------+
 *
 * Frame Relay: a Q.922 address of 2 to 4 bytes (the last has its EA bit, 0x01, set), then either
 * +-------------+---------------------+------------------------------------------+
 * | control 0x03| NLPID (pad 0x00 ok) | 0xCC IPv4, 0x8E IPv6, 0x80 SNAP (OUI, PID)|   RFC 2427
 * +-------------+---------------------+------------------------------------------+
 * or Cisco's encapsulation: an EtherType right after the address.
 * </pre>
 *
 * Other NLPIDs (ISO CLNP, Q.933 signalling) end decoding at the link. Called on the decoding thread only.
 */
final class SerialLinkDecoder {
  static final int CHDLC_UNICAST = 0x0F;
  static final int CHDLC_MULTICAST = 0x8F;
  static final int CHDLC_PROTOCOL_OFFSET = 2;
  static final int CHDLC_HEADER_SIZE = 4;
  static final int CHDLC_SLARP = 0x8035;

  static final int FR_MAX_ADDRESS_SIZE = 4;
  static final int FR_ADDRESS_EXTENSION = 0x01;
  static final int FR_CONTROL_UI = 0x03;
  static final int NLPID_PADDING = 0x00;
  static final int NLPID_IPV4 = 0xCC;
  static final int NLPID_IPV6 = 0x8E;
  static final int NLPID_SNAP = 0x80;
  /** OUI (3) and PID (2) after the SNAP NLPID. */
  static final int SNAP_SIZE = 5;

  private SerialLinkDecoder() {}

  static void decodeCiscoHdlc(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.CHDLC);
    if (end - offset < CHDLC_HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    int protocol = Bytes.getShort(buffer, offset + CHDLC_PROTOCOL_OFFSET) & 0xFFFF;
    // Cisco HDLC reuses RARP's EtherType for SLARP, its keepalive and address protocol, which is not ARP.
    if (protocol != CHDLC_SLARP) {
      EtherTypeDecoder.decode(protocol, buffer, offset + CHDLC_HEADER_SIZE, end, out);
    }
  }

  static void decodeFrameRelay(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.FR);
    int position = offset;
    do {
      if (position == end || position - offset == FR_MAX_ADDRESS_SIZE) {
        out.failShort(end);
        return;
      }
    } while ((buffer[position++] & FR_ADDRESS_EXTENSION) == 0);
    if (end - position < 2) {
      out.failShort(end);
      return;
    }
    if ((buffer[position] & 0xFF) != FR_CONTROL_UI) {
      EtherTypeDecoder.decode(Bytes.getShort(buffer, position) & 0xFFFF, buffer, position + 2, end, out);
      return;
    }
    position++;
    int nlpid = buffer[position++] & 0xFF;
    if (nlpid == NLPID_PADDING && position < end) {
      nlpid = buffer[position++] & 0xFF;
    }
    switch (nlpid) {
      case NLPID_IPV4:
        Ipv4Decoder.decode(buffer, position, end, out);
        break;
      case NLPID_IPV6:
        Ipv6Decoder.decode(buffer, position, end, out);
        break;
      case NLPID_SNAP:
        if (end - position < SNAP_SIZE) {
          out.failShort(end);
          return;
        }
        EtherTypeDecoder.decode(Bytes.getShort(buffer, position + 3) & 0xFFFF, buffer, position + SNAP_SIZE, end, out);
        break;
      default:
        break;
    }
  }
}
