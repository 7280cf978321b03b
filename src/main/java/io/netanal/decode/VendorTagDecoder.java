package io.netanal.decode;

/**
 * Decodes the tags some switches insert after the Ethernet addresses, each followed by the frame's own EtherType
 * or Ethernet header: Cisco FabricPath, Arista's timestamp tag and IEEE 802.1AE MACsec.
 *
 * <pre>
 * FabricPath (EtherType 0x8903; the outer addresses are switch ids):
 * +-------------------------------+---------------------------------------------------+
 * | FTAG (10) | TTL (6)           | inner Ethernet header (destination, source, type) |
 * +-------------------------------+---------------------------------------------------+
 *
 * Arista timestamp (EtherType 0xD28B):
 * +---------------+---------------+------------------------------------+------------+
 * | sub type (2)  | version (2)   | timestamp: 8 bytes (version 0x10), | EtherType  |
 * | 1 = timestamp | 0x0010/0x0110 | 6 bytes (version 0x0020/0x0120)    |            |
 * +---------------+---------------+------------------------------------+------------+
 *
 * MACsec SecTAG (IEEE 802.1AE-2018 9.3; EtherType 0x88E5):
 * +-------------------------+--------------+------------------+---------------+------------------+----------+
 * | V ES SC SCB E C AN (1)  | short len (1)| packet number (4)| SCI (8, if SC)| EtherType, data  | ICV (16) |
 * +-------------------------+--------------+------------------+---------------+------------------+----------+
 * </pre>
 *
 * A MACsec frame whose E (encrypted) or C (changed) bit is set carries no readable EtherType and ends at
 * {@code macsec}, as in tshark without keys; an unknown Arista sub type or version ends at {@code avsp}. Called on
 * the decoding thread only.
 */
final class VendorTagDecoder {
  static final int FABRICPATH_TAG_SIZE = 2;

  static final int ARISTA_SUBTYPE_TIMESTAMP = 1;
  static final int ARISTA_VERSION_64BIT = 0x10;
  static final int ARISTA_VERSION_48BIT = 0x20;
  static final int ARISTA_HEADER_SIZE = 4;
  /** The version's high byte: 0 TAI, 1 UTC timestamps; the low byte says their size. */
  static final int ARISTA_CLOCK_UTC = 1;

  static final int MACSEC_TCI_OFFSET = 0;
  static final int MACSEC_SHORT_LENGTH_OFFSET = 1;
  static final int MACSEC_TAG_SIZE = 6;
  static final int MACSEC_SCI_SIZE = 8;
  static final int MACSEC_ICV_SIZE = 16;
  static final int MACSEC_TCI_SC = 0x20;
  static final int MACSEC_TCI_E_OR_C = 0x0C;
  static final int MACSEC_SHORT_LENGTH_MASK = 0x3F;

  private VendorTagDecoder() {}

  static void decodeFabricPath(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.CFP);
    if (end - offset < FABRICPATH_TAG_SIZE) {
      out.failShort(end);
      return;
    }
    EthernetDecoder.decode(buffer, offset + FABRICPATH_TAG_SIZE, end, out);
  }

  static void decodeArista(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.AVSP);
    if (end - offset < ARISTA_HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    if ((Bytes.getShort(buffer, offset) & 0xFFFF) != ARISTA_SUBTYPE_TIMESTAMP) {
      return;
    }
    int timestampSize;
    int version = Bytes.getShort(buffer, offset + 2) & 0xFFFF;
    if (version >>> 8 > ARISTA_CLOCK_UTC) {
      return;
    }
    switch (version & 0xFF) {
      case ARISTA_VERSION_64BIT:
        timestampSize = 8;
        break;
      case ARISTA_VERSION_48BIT:
        timestampSize = 6;
        break;
      default:
        return;
    }
    etherType(buffer, offset + ARISTA_HEADER_SIZE + timestampSize, end, out);
  }

  static void decodeMacsec(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.MACSEC);
    if (end - offset < MACSEC_TAG_SIZE) {
      out.failShort(end);
      return;
    }
    int tci = buffer[offset + MACSEC_TCI_OFFSET] & 0xFF;
    if ((tci & MACSEC_TCI_E_OR_C) != 0) {
      return;
    }
    int data = offset + MACSEC_TAG_SIZE + ((tci & MACSEC_TCI_SC) != 0 ? MACSEC_SCI_SIZE : 0);
    // A short length (frames under 64 bytes) says exactly how much data there is; otherwise the ICV ends it.
    int shortLength = buffer[offset + MACSEC_SHORT_LENGTH_OFFSET] & MACSEC_SHORT_LENGTH_MASK;
    int dataEnd = shortLength != 0 ? Math.min(data + shortLength, end)
        : Math.max(data, Math.min(end, out.frameEnd - MACSEC_ICV_SIZE));
    etherType(buffer, data, dataEnd, out);
  }

  /** An EtherType at {@code offset}, then its payload. */
  private static void etherType(byte[] buffer, int offset, int end, DecodedFrame out) {
    if (end - offset < EthernetDecoder.TYPE_SIZE) {
      out.failShort(end);
      return;
    }
    int type = Bytes.getShort(buffer, offset) & 0xFFFF;
    out.addProtocol(Protocol.ETHERTYPE);
    EtherTypeDecoder.decode(type, buffer, offset + EthernetDecoder.TYPE_SIZE, end, out);
  }
}
