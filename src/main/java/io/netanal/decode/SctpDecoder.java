package io.netanal.decode;

/**
 * Decodes the SCTP common header (RFC 9260) into ports; chunks are not read.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Source Port Number        |     Destination Port Number   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Verification Tag                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           Checksum                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Called on the decoding thread only.
 */
final class SctpDecoder {
  static final int SOURCE_PORT_OFFSET = 0;
  static final int DESTINATION_PORT_OFFSET = 2;
  static final int HEADER_SIZE = 12;

  private SctpDecoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.SCTP);
    if (end - offset < HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    out.transport(IpPayloadDecoder.SCTP, Bytes.getShort(buffer, offset + SOURCE_PORT_OFFSET) & 0xFFFF,
        Bytes.getShort(buffer, offset + DESTINATION_PORT_OFFSET) & 0xFFFF);
  }
}
