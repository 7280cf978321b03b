package io.netanal.decode;

/**
 * Decodes a CAPWAP data channel packet (RFC 5415 4.3, 802.11 binding RFC 5416; UDP 5247) far enough to reach the
 * frame it carries: a native IEEE 802.11 frame or an 802.3/Ethernet frame.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Type  |  HLEN   |   RID   | WBID    |T|F|L|W|M|K|Flags|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Fragment ID          |     Frag Offset         |Rsvd |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 (optional) Radio MAC Address                  |
 * |            (optional) Wireless Specific Information           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Payload ....                           |
 * </pre>
 *
 * Version and type (the preamble) must both be 0: type 1 announces a DTLS record, whose payload is encrypted.
 * HLEN counts the whole header, options included, in 4-byte words, so the payload is found without reading the
 * options. T=1 with WBID 1 is a native 802.11 frame, T=0 an Ethernet frame; other bindings end decoding here.
 * A fragment other than the first (F=1, offset &gt; 0) starts mid-frame and a keep-alive (K=1) carries message
 * elements, not a frame: both end here too. The first fragment is decoded as far as its bytes go, as netanal
 * counts an IPv4 datagram on its first fragment.
 *
 * <p>Access points (Cisco's among them) send the 802.11 frame control field byte-swapped; tshark swaps it back
 * by default ({@code capwap.swap_fc: TRUE}) and so does this decoder. No protocol bit is set for CAPWAP itself:
 * {@link Protocol} has no id left. Called on the decoding thread only.
 */
final class CapwapDecoder {
  static final int DATA_PORT = 5247;

  static final int PREAMBLE_OFFSET = 0;
  static final int FRAGMENT_OFFSET_OFFSET = 6;
  static final int HEADER_MIN_SIZE = 8;
  static final int HLEN_SHIFT = 19;
  static final int WBID_SHIFT = 9;
  static final int FIELD_MASK = 0x1F;
  static final int FLAG_T = 0x100;
  static final int FLAG_F = 0x80;
  static final int FLAG_K = 0x08;
  static final int FRAGMENT_OFFSET_MASK = 0xFFF8;
  static final int WBID_IEEE_80211 = 1;

  private CapwapDecoder() {}

  static void decodeData(byte[] buffer, int offset, int end, DecodedFrame out) {
    if (end - offset < HEADER_MIN_SIZE) {
      out.failShort(end);
      return;
    }
    if (buffer[offset + PREAMBLE_OFFSET] != 0) {
      return;
    }
    // HLEN, RID, WBID and the flags share the 24 bits after the preamble.
    int fields = Bytes.getInt(buffer, offset + PREAMBLE_OFFSET) & 0xFFFFFF;
    int headerLength = ((fields >>> HLEN_SHIFT) & FIELD_MASK) * 4;
    if (headerLength < HEADER_MIN_SIZE) {
      out.fail(DecodeStatus.MALFORMED);
      return;
    }
    if (end - offset < headerLength) {
      out.failShort(end);
      return;
    }
    if ((fields & FLAG_K) != 0 || isLaterFragment(fields, buffer, offset) || !out.enter()) {
      return;
    }
    int payload = offset + headerLength;
    if ((fields & FLAG_T) == 0) {
      EthernetDecoder.decode(buffer, payload, end, out);
    } else if (((fields >>> WBID_SHIFT) & FIELD_MASK) == WBID_IEEE_80211) {
      Ieee80211Decoder.decodeSwapped(buffer, payload, end, out);
    }
  }

  private static boolean isLaterFragment(int fields, byte[] buffer, int offset) {
    return (fields & FLAG_F) != 0
        && (Bytes.getShort(buffer, offset + FRAGMENT_OFFSET_OFFSET) & FRAGMENT_OFFSET_MASK) != 0;
  }
}
