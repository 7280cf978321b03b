package io.netanal.decode;

/**
 * Decodes a TCP header (RFC 9293; the NS flag from RFC 3540) into ports, flags, sequence and acknowledgment numbers,
 * window and payload extent, then classifies the payload.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |     |N|C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsv |S|W|C|R|C|S|S|Y|I|            Window             |
 * |       |     | |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (data offset > 5)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Ports and flags are recorded once the fixed 20 bytes are present, even when the data offset is bad (they are
 * still the segment's). Called on the decoding thread only.
 */
final class TcpDecoder {
  static final int SOURCE_PORT_OFFSET = 0;
  static final int DESTINATION_PORT_OFFSET = 2;
  static final int SEQUENCE_OFFSET = 4;
  static final int ACKNOWLEDGMENT_OFFSET = 8;
  static final int DATA_OFFSET_OFFSET = 12;
  static final int WINDOW_OFFSET = 14;
  static final int FLAGS_OFFSET = 13;
  static final int MIN_HEADER_SIZE = 20;

  private TcpDecoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.TCP);
    if (end - offset < MIN_HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    int ports = Bytes.getInt(buffer, offset + SOURCE_PORT_OFFSET); // both ports in one read (source, then destination)
    int sourcePort = ports >>> 16;
    int destinationPort = ports & 0xFFFF;
    int offsetAndFlags = Bytes.getShort(buffer, offset + DATA_OFFSET_OFFSET); // data offset byte, then FLAGS_OFFSET
    int offsetByte = (offsetAndFlags >>> 8) & 0xFF;
    out.transport(IpPayloadDecoder.TCP, sourcePort, destinationPort);
    // the 8 flag bits and NS, the data offset byte's low bit
    out.tcp(offsetAndFlags & TcpFlag.ALL, Bytes.getInt(buffer, offset + SEQUENCE_OFFSET),
        Bytes.getInt(buffer, offset + ACKNOWLEDGMENT_OFFSET), Bytes.getShort(buffer, offset + WINDOW_OFFSET) & 0xFFFF);
    int headerLength = (offsetByte >>> 4) * 4;
    if (headerLength < MIN_HEADER_SIZE) {
      failDataOffsetBelowMinimum(out);
      return;
    }
    if (end - offset < headerLength) {
      out.failShort(end);
      return;
    }
    out.payload(offset + headerLength, end);
    ApplicationClassifier.classifyTcp(sourcePort, destinationPort, buffer, offset + headerLength, end, out);
  }

  private static void failDataOffsetBelowMinimum(DecodedFrame out) {
    out.fail(DecodeStatus.MALFORMED);
  }
}
