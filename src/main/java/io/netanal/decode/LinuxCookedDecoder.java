package io.netanal.decode;

/**
 * Decodes Linux "cooked" capture headers, LINKTYPE_LINUX_SLL (16 bytes) and LINKTYPE_LINUX_SLL2 (20 bytes), as
 * {@code tcpdump -i any} writes them (tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html, ..._SLL2.html).
 *
 * <pre>
 * SLL:                                      SLL2:
 * +----------------+----------------+       +----------------+----------------+
 * | packet type(2) | ARPHRD type (2)|       | protocol (2)   | reserved (2)   |
 * +----------------+----------------+       +----------------+----------------+
 * | address len (2)| address (8) ...|       |        interface index (4)      |
 * +----------------+                +       +----------------+-------+--------+
 * |            ...                  |       | ARPHRD type (2)|pkttype|addr len|
 * +                +----------------+       +----------------+-------+--------+
 * |                | protocol (2)   |       |          address (8)            |
 * +----------------+----------------+       +---------------------------------+
 * </pre>
 *
 * The protocol is an EtherType, or for small values one of Linux's ETH_P_802_2 (LLC follows) and ETH_P_802_3
 * (Novell raw 802.3); netlink captures (ARPHRD 824) carry a netlink family instead and end at {@code sll}.
 * Called on the decoding thread only.
 */
final class LinuxCookedDecoder {
  static final int SLL_ARPHRD_OFFSET = 2;
  static final int SLL_PROTOCOL_OFFSET = 14;
  static final int SLL_HEADER_SIZE = 16;
  static final int SLL2_PROTOCOL_OFFSET = 0;
  static final int SLL2_ARPHRD_OFFSET = 8;
  static final int SLL2_HEADER_SIZE = 20;
  static final int ARPHRD_NETLINK = 824;
  static final int ETH_P_802_2 = 0x0004;

  private LinuxCookedDecoder() {}

  static void decodeSll(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.SLL);
    if (end - offset < SLL_HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    payload(Bytes.getShort(buffer, offset + SLL_ARPHRD_OFFSET) & 0xFFFF,
        Bytes.getShort(buffer, offset + SLL_PROTOCOL_OFFSET) & 0xFFFF, buffer, offset + SLL_HEADER_SIZE, end, out);
  }

  static void decodeSll2(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.SLL2);
    if (end - offset < SLL2_HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    payload(Bytes.getShort(buffer, offset + SLL2_ARPHRD_OFFSET) & 0xFFFF,
        Bytes.getShort(buffer, offset + SLL2_PROTOCOL_OFFSET) & 0xFFFF, buffer, offset + SLL2_HEADER_SIZE, end, out);
  }

  private static void payload(int arphrd, int protocol, byte[] buffer, int offset, int end,
      DecodedFrame out) {
    if (arphrd == ARPHRD_NETLINK) {
      return;
    }
    if (protocol >= EthernetDecoder.MIN_ETHERTYPE) {
      out.addProtocol(Protocol.ETHERTYPE);
      EtherTypeDecoder.decode(protocol, buffer, offset, end, out);
    } else if (protocol == ETH_P_802_2) {
      LlcDecoder.decode(buffer, offset, end, out);
    }
  }
}
