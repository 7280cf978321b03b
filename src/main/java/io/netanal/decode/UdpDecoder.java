package io.netanal.decode;

/**
 * Decodes a UDP header (RFC 768) into ports, then classifies the payload.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Length             |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The length ends the payload. A length below 8 is malformed, 0 included: RFC 2675 jumbograms and BIG TCP/GSO
 * captures use 0 for "see the IP length", but tshark 4.0 flags it as a bad length and stops, and netanal counts
 * as tshark does. A length past the IP payload is malformed (the payload, up to the IP payload's end, is still named, as
 * tshark does); past the capture it is a snaplen cut. Called on the decoding thread only.
 */
final class UdpDecoder {
  static final int SOURCE_PORT_OFFSET = 0;
  static final int DESTINATION_PORT_OFFSET = 2;
  static final int LENGTH_OFFSET = 4;
  static final int HEADER_SIZE = 8;

  private UdpDecoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.UDP);
    if (end - offset < HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    int ports = Bytes.getInt(buffer, offset + SOURCE_PORT_OFFSET); // both ports in one read (source, then destination)
    int sourcePort = ports >>> 16;
    int destinationPort = ports & 0xFFFF;
    int length = Bytes.getShort(buffer, offset + LENGTH_OFFSET) & 0xFFFF;
    out.transport(IpPayloadDecoder.UDP, sourcePort, destinationPort);
    if (length < HEADER_SIZE) {
      failLengthBelowHeader(out);
      return;
    }
    int payloadEnd = Math.min(offset + length, end);
    out.payload(offset + HEADER_SIZE, payloadEnd);
    if (length > end - offset && end < out.frameEnd) {
      // tshark flags the length and still hands the IP payload on: the payload is named the same way.
      failLengthPastIpPayload(out);
    }
    ApplicationClassifier.classifyUdpOrTunnel(sourcePort, destinationPort, buffer, offset + HEADER_SIZE, payloadEnd, out);
  }

  private static void failLengthBelowHeader(DecodedFrame out) {
    out.fail(DecodeStatus.MALFORMED);
  }

  private static void failLengthPastIpPayload(DecodedFrame out) {
    out.fail(DecodeStatus.MALFORMED);
  }
}
