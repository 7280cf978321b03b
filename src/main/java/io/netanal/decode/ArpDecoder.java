package io.netanal.decode;

/**
 * Checks an ARP header (RFC 826) for completeness; its addresses are not IP endpoints (tshark's IP endpoint
 * tables leave ARP out too), so nothing else is recorded.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Hardware type          |        Protocol type          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  HW addr len  | Proto addr len|          Operation            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | sender HW addr, sender proto addr, target HW addr, target proto addr (2 x (hlen + plen) bytes)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Called on the decoding thread only.
 */
final class ArpDecoder {
  static final int HARDWARE_LENGTH_OFFSET = 4;
  static final int PROTOCOL_LENGTH_OFFSET = 5;
  static final int FIXED_SIZE = 8;

  private ArpDecoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.ARP);
    if (end - offset < FIXED_SIZE) {
      out.failShort(end);
      return;
    }
    int addresses = 2 * ((buffer[offset + HARDWARE_LENGTH_OFFSET] & 0xFF)
        + (buffer[offset + PROTOCOL_LENGTH_OFFSET] & 0xFF));
    if (end - offset < FIXED_SIZE + addresses) {
      out.failShort(end);
    }
  }
}
