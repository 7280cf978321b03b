package io.netanal.decode;

/**
 * Decodes an IEEE 802.2 LLC header and, when DSAP and SSAP are 0xAA, its SNAP extension (RFC 1042), whose
 * EtherType carries IP, ARP and IPv6 over 802.3 and 802.11.
 *
 * <pre>
 * +--------+--------+---------+------------------------+-----------------+
 * | DSAP   | SSAP   | Control |  SNAP OUI (3)          | EtherType (2)   |
 * | 0xAA   | 0xAA   | 0x03 UI |  00-00-00 or 00-00-F8  |                 |
 * +--------+--------+---------+------------------------+-----------------+
 *  0        1        2         3                        6
 * </pre>
 *
 * Other SAPs (spanning tree, NetBIOS, IPX) end decoding at {@code llc}. Called on the decoding thread only.
 */
final class LlcDecoder {
  static final int DSAP_OFFSET = 0;
  static final int SSAP_OFFSET = 1;
  static final int CONTROL_OFFSET = 2;
  static final int LLC_SIZE = 3;
  static final int OUI_OFFSET = 3;
  static final int TYPE_OFFSET = 6;
  static final int SNAP_SIZE = 8;
  static final int SAP_SNAP = 0xAA;
  static final int OUI_ENCAPSULATED_ETHERNET = 0x000000;
  /** Cisco's OUI for 802.1H bridge tunnel encapsulation; also carries an EtherType. */
  static final int OUI_BRIDGE_TUNNEL = 0x0000F8;

  private LlcDecoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.LLC);
    if (end - offset < LLC_SIZE) {
      out.failShort(end);
      return;
    }
    if ((buffer[offset + DSAP_OFFSET] & 0xFF) != SAP_SNAP
        || (buffer[offset + SSAP_OFFSET] & 0xFF) != SAP_SNAP) {
      return;
    }
    if (end - offset < SNAP_SIZE) {
      out.failShort(end);
      return;
    }
    int oui = Bytes.getInt(buffer, offset + OUI_OFFSET - 1) & 0xFFFFFF;
    if (oui == OUI_ENCAPSULATED_ETHERNET || oui == OUI_BRIDGE_TUNNEL) {
      int type = Bytes.getShort(buffer, offset + TYPE_OFFSET) & 0xFFFF;
      EtherTypeDecoder.decode(type, buffer, offset + SNAP_SIZE, end, out);
    }
  }
}
