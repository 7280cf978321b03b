package io.netanal.decode;

import java.util.StringJoiner;

/**
 * Every value a {@link DecodedFrame} answers, as one line per field, so that two frames can be compared whole and a
 * difference reads as the field that differs. Layers past {@link DecodedFrame#ipCount()} and the address family a
 * layer does not have are left out: nothing may read them.
 */
final class DecodedFrames {
  private DecodedFrames() {}

  static String describe(DecodedFrame frame) {
    StringJoiner lines = new StringJoiner("\n");
    StringJoiner protocols = new StringJoiner(",");
    for (int id = 0; id < Long.SIZE; id++) {
      if (frame.has(id)) {
        protocols.add(id < Protocol.COUNT ? Protocol.name(id) : "#" + id);
      }
    }
    lines.add("protocols=" + protocols);
    lines.add("status=" + frame.status());
    lines.add("ipCount=" + frame.ipCount());
    for (int layer = 0; layer < frame.ipCount(); layer++) {
      lines.add("ipVersion(" + layer + ")=" + frame.ipVersion(layer));
      if (frame.ipVersion(layer) == 4) {
        lines.add("ipv4Source(" + layer + ")=" + Integer.toHexString(frame.ipv4Source(layer)));
        lines.add("ipv4Destination(" + layer + ")=" + Integer.toHexString(frame.ipv4Destination(layer)));
      } else {
        lines.add("ipv6Source(" + layer + ")=" + Long.toHexString(frame.ipv6SourceHigh(layer)) + ":"
            + Long.toHexString(frame.ipv6SourceLow(layer)));
        lines.add("ipv6Destination(" + layer + ")=" + Long.toHexString(frame.ipv6DestinationHigh(layer)) + ":"
            + Long.toHexString(frame.ipv6DestinationLow(layer)));
      }
      lines.add("ipOffset(" + layer + ")=" + frame.ipOffset(layer));
      lines.add("ipLength(" + layer + ")=" + frame.ipLength(layer));
    }
    lines.add("ipLayerDropped=" + frame.ipLayerDropped);
    lines.add("vlanId=" + frame.vlanId());
    lines.add("transportProtocol=" + frame.transportProtocol());
    lines.add("transportLayer=" + frame.transportLayer());
    lines.add("sourcePort=" + frame.sourcePort());
    lines.add("destinationPort=" + frame.destinationPort());
    lines.add("tcpFlags=" + frame.tcpFlags());
    lines.add("tcpSequence=" + frame.tcpSequence());
    lines.add("tcpAcknowledgment=" + frame.tcpAcknowledgment());
    lines.add("tcpWindow=" + frame.tcpWindow());
    lines.add("icmpType=" + frame.icmpType());
    lines.add("icmpCode=" + frame.icmpCode());
    lines.add("payloadOffset=" + frame.payloadOffset());
    lines.add("payloadEnd=" + frame.payloadEnd());
    lines.add("payloadLength=" + frame.payloadLength());
    lines.add("frameEnd=" + frame.frameEnd);
    lines.add("nesting=" + frame.nesting);
    return lines.toString();
  }
}
