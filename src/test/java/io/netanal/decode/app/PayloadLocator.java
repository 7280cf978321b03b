package io.netanal.decode.app;

import io.netanal.decode.DecodedFrame;
import java.nio.ByteBuffer;

/**
 * Finds where a decoded frame's innermost TCP or UDP payload lies, for tests that feed real captures to the
 * parsers. {@link DecodedFrame} does not carry the payload's offset yet (the flow work adds it), so this finds
 * the innermost IP header by its recorded addresses (version nibble, both addresses and the transport's
 * protocol must match, which no earlier header of a real frame does by chance), walks IPv6 extension headers,
 * checks the ports and skips the transport header. It works for every link type {@link
 * io.netanal.decode.FrameDecoder} reads, without knowing any of them.
 *
 * <p>The payload ends at the IP length (IPv6 payload length 0 runs to the frame's end), the UDP length and the
 * captured bytes, whichever is first. Fragments other than the first have no transport header and are not
 * located.
 */
final class PayloadLocator {
  static final int TCP = 6;
  static final int UDP = 17;

  private PayloadLocator() {}

  /** A payload's bounds in the frame's buffer. */
  record Payload(int offset, int end) {
    int length() {
      return end - offset;
    }
  }

  /** The payload of {@code frame} (decoded from {@code buffer[offset, end)}), or null when it has none. */
  static Payload locate(ByteBuffer buffer, int offset, int end, DecodedFrame frame) {
    int transport = frame.transportProtocol();
    if (frame.ipCount() == 0 || (transport != TCP && transport != UDP)) {
      return null;
    }
    int layer = frame.ipCount() - 1;
    boolean v4 = frame.ipVersion(layer) == 4;
    int minHeader = v4 ? 20 : 40;
    for (int p = offset; end - p >= minHeader; p++) {
      Payload payload = v4 ? fromIpv4(buffer, p, end, frame, layer) : fromIpv6(buffer, p, end, frame, layer);
      if (payload != null) {
        return payload;
      }
    }
    return null;
  }

  private static Payload fromIpv4(ByteBuffer buffer, int p, int end, DecodedFrame frame, int layer) {
    int first = buffer.get(p) & 0xFF;
    int headerLength = (first & 0x0F) * 4;
    if (first >>> 4 != 4 || headerLength < 20 || (buffer.get(p + 9) & 0xFF) != frame.transportProtocol()
        || buffer.getInt(p + 12) != frame.ipv4Source(layer) || buffer.getInt(p + 16) != frame.ipv4Destination(layer)
        || (buffer.getShort(p + 6) & 0x1FFF) != 0) {
      return null;
    }
    int totalLength = buffer.getShort(p + 2) & 0xFFFF;
    int ipEnd = totalLength >= headerLength ? Math.min(end, p + totalLength) : end; // 0: TSO, to the frame's end
    return transport(buffer, p + headerLength, ipEnd, frame);
  }

  private static Payload fromIpv6(ByteBuffer buffer, int p, int end, DecodedFrame frame, int layer) {
    if ((buffer.get(p) & 0xF0) != 0x60 || buffer.getLong(p + 8) != frame.ipv6SourceHigh(layer)
        || buffer.getLong(p + 16) != frame.ipv6SourceLow(layer)
        || buffer.getLong(p + 24) != frame.ipv6DestinationHigh(layer)
        || buffer.getLong(p + 32) != frame.ipv6DestinationLow(layer)) {
      return null;
    }
    int payloadLength = buffer.getShort(p + 4) & 0xFFFF;
    int ipEnd = payloadLength == 0 ? end : Math.min(end, p + 40 + payloadLength);
    int next = buffer.get(p + 6) & 0xFF;
    int t = p + 40;
    for (int headers = 0; next != frame.transportProtocol() && headers < 16; headers++) {
      if (ipEnd - t < 8) {
        return null;
      }
      switch (next) {
        case 0: case 43: case 60: case 135: case 139: case 140: // hop-by-hop, routing, destination, mobility, HIP, shim6
          next = buffer.get(t) & 0xFF;
          t += ((buffer.get(t + 1) & 0xFF) + 1) * 8;
          break;
        case 44: // fragment: only the first has the transport header
          if ((buffer.getShort(t + 2) & 0xFFF8) != 0) {
            return null;
          }
          next = buffer.get(t) & 0xFF;
          t += 8;
          break;
        case 51: // AH
          next = buffer.get(t) & 0xFF;
          t += ((buffer.get(t + 1) & 0xFF) + 2) * 4;
          break;
        default:
          return null;
      }
    }
    return next == frame.transportProtocol() ? transport(buffer, t, ipEnd, frame) : null;
  }

  private static Payload transport(ByteBuffer buffer, int t, int ipEnd, DecodedFrame frame) {
    if (ipEnd - t < 8 || (buffer.getShort(t) & 0xFFFF) != frame.sourcePort()
        || (buffer.getShort(t + 2) & 0xFFFF) != frame.destinationPort()) {
      return null;
    }
    if (frame.transportProtocol() == UDP) {
      int udpLength = buffer.getShort(t + 4) & 0xFFFF;
      int udpEnd = udpLength >= 8 ? Math.min(ipEnd, t + udpLength) : ipEnd;
      return new Payload(t + 8, udpEnd);
    }
    if (ipEnd - t < 20) {
      return null;
    }
    int headerLength = ((buffer.get(t + 12) & 0xFF) >>> 4) * 4;
    return headerLength >= 20 && headerLength <= ipEnd - t ? new Payload(t + headerLength, ipEnd) : null;
  }
}
