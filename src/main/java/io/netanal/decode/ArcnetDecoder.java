package io.netanal.decode;

/**
 * Decodes ARCNET frames as Linux captures them (LINKTYPE_ARCNET_LINUX): IP and ARP by RFC 1201 and the older
 * RFC 1051.
 *
 * <pre>
 * +-----------+-----------+------------+---------------+-------------------------------------------------+
 * | source (1)| dest (1)  | offset (2) | protocol (1)  | RFC 1201 only: split flag (1), sequence (2);     |
 * |           |           |            |               | an exception frame (flag 0xFF) repeats protocol, |
 * |           |           |            |               | flag and sequence after 2 filler bytes           |
 * +-----------+-----------+------------+---------------+-------------------------------------------------+
 *   protocols: RFC 1201 0xD4 IPv4, 0xD5 ARP, 0xD6 RARP; RFC 1051 0xF0 IPv4, 0xF1 ARP
 * </pre>
 *
 * Other protocol ids (Novell, AppleTalk, BACnet) end decoding at {@code arcnet}. Called on the decoding thread
 * only.
 */
final class ArcnetDecoder {
  static final int PROTOCOL_OFFSET = 4;
  static final int HEADER_SIZE = 5;
  static final int RFC1201_EXTRA_SIZE = 3;
  static final int EXCEPTION_EXTRA_SIZE = 4;
  static final int EXCEPTION_FLAG = 0xFF;
  static final int RFC1201_IP = 0xD4;
  static final int RFC1201_ARP = 0xD5;
  static final int RFC1201_RARP = 0xD6;
  static final int RFC1051_IP = 0xF0;
  static final int RFC1051_ARP = 0xF1;

  private ArcnetDecoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.ARCNET);
    if (end - offset < HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    int protocol = buffer[offset + PROTOCOL_OFFSET] & 0xFF;
    int payload = offset + HEADER_SIZE;
    switch (protocol) {
      case RFC1051_IP:
        Ipv4Decoder.decode(buffer, payload, end, out);
        return;
      case RFC1051_ARP:
        ArpDecoder.decode(buffer, payload, end, out);
        return;
      case RFC1201_IP:
      case RFC1201_ARP:
      case RFC1201_RARP:
        break;
      default:
        return;
    }
    if (end - payload < RFC1201_EXTRA_SIZE) {
      out.failShort(end);
      return;
    }
    if ((buffer[payload] & 0xFF) == EXCEPTION_FLAG) {
      payload += EXCEPTION_EXTRA_SIZE;
    }
    payload += RFC1201_EXTRA_SIZE;
    if (payload > end) {
      out.failShort(end);
      return;
    }
    if (protocol == RFC1201_IP) {
      Ipv4Decoder.decode(buffer, payload, end, out);
    } else {
      ArpDecoder.decode(buffer, payload, end, out);
    }
  }
}
