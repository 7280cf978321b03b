package io.netanal.decode;

/**
 * Decodes a packet that starts directly with an IP header (LINKTYPE_RAW, MPLS payloads), telling IPv4 from IPv6
 * by the version nibble. Called on the decoding thread only.
 */
final class RawIpDecoder {
  private RawIpDecoder() {}

  /** LINKTYPE_RAW: a version other than 4 or 6 is malformed. */
  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    decode(buffer, offset, end, out, true);
  }

  /** A payload that may or may not be IP (after MPLS): anything but 4 or 6 ends decoding quietly. */
  static void decodeGuessing(byte[] buffer, int offset, int end, DecodedFrame out) {
    decode(buffer, offset, end, out, false);
  }

  private static void decode(byte[] buffer, int offset, int end, DecodedFrame out, boolean mustBeIp) {
    if (end - offset < 1) {
      if (mustBeIp) {
        out.failShort(end);
      }
      return;
    }
    switch ((buffer[offset] & 0xF0) >>> 4) {
      case 4:
        Ipv4Decoder.decode(buffer, offset, end, out);
        break;
      case 6:
        Ipv6Decoder.decode(buffer, offset, end, out);
        break;
      default:
        if (mustBeIp) {
          out.fail(DecodeStatus.MALFORMED);
        }
        break;
    }
  }
}
