package io.netanal.decode;

/**
 * Decodes one IEEE 802.1Q VLAN tag (or an 802.1ad service tag, which has the same layout); a stack of tags
 * (QinQ) comes back here through {@link EtherTypeDecoder} once per tag. A tag counts as {@code vlan}, except an
 * 802.1ad service tag (TPID 0x88A8), which tshark counts as {@code ieee8021ad}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | PCP |D|        VLAN ID        |   EtherType or 802.3 length   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * (The tag's own TPID, 0x8100 or 0x88A8, is the EtherType before it.) Called on the decoding thread only.
 */
final class VlanDecoder {
  static final int TCI_OFFSET = 0;
  static final int TYPE_OFFSET = 2;
  static final int TAG_SIZE = 4;
  static final int VLAN_ID_MASK = 0x0FFF;

  private VlanDecoder() {}

  /** {@code protocol} is {@link Protocol#VLAN} or {@link Protocol#IEEE8021AD}, by the tag's TPID. */
  static void decode(int protocol, byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(protocol);
    if (end - offset < TAG_SIZE) {
      out.failShort(end);
      return;
    }
    out.vlan(Bytes.getShort(buffer, offset + TCI_OFFSET) & VLAN_ID_MASK);
    int type = Bytes.getShort(buffer, offset + TYPE_OFFSET) & 0xFFFF;
    int payload = offset + TAG_SIZE;
    if (type >= EthernetDecoder.MIN_ETHERTYPE) {
      out.addProtocol(Protocol.ETHERTYPE);
      EtherTypeDecoder.decode(type, buffer, payload, end, out);
    } else if (type <= EthernetDecoder.MAX_LENGTH) {
      EthernetDecoder.decode8023(type, buffer, payload, end, out);
    }
  }
}
