package io.netanal.flow;

import io.netanal.decode.DecodeStatus;
import io.netanal.decode.DecodedFrame;
import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.decode.Protocol;
import java.nio.ByteBuffer;

/**
 * What a corpus file contains that makes tshark's flows differ from netanal's on purpose: tunnels, ICMP error
 * messages (tshark's Community ID of the frame is the quoted packet's), IP fragments (tshark reassembles), IPv6
 * extension headers (the oracle files those frames under the first next header), frames netanal could not decode.
 */
final class FileTraits implements DecodedFrameConsumer {
  boolean tunnel;
  boolean icmpError;
  boolean fragment;
  boolean extensionHeaders;
  boolean decodeProblem;
  boolean ah;

  @Override
  public void frame(long timestampNanos, int capturedLength, long originalLength, ByteBuffer buffer, int offset,
      DecodedFrame d) {
    if (d.ipCount() > 1) {
      tunnel = true;
    }
    if (d.status() != DecodeStatus.OK) {
      decodeProblem = true;
    }
    int type = d.icmpType();
    boolean v4 = d.has(Protocol.ICMP);
    if (type != DecodedFrame.NONE && (v4 ? type == 3 || type == 4 || type == 5 || type == 11 || type == 12
        : type >= 1 && type <= 4)) {
      icmpError = true;
    }
    if (d.has(Protocol.IPV6_HOPOPTS) || d.has(Protocol.IPV6_ROUTING) || d.has(Protocol.IPV6_DSTOPTS)) {
      extensionHeaders = true;
    }
    if (d.has(Protocol.AH)) {
      ah = true;
    }
    if (d.has(Protocol.IPV6_FRAGHDR)) {
      fragment = true;
    }
    for (int layer = 0; layer < d.ipCount(); layer++) {
      int at = d.ipOffset(layer);
      if (d.ipVersion(layer) == 4 && at + 8 <= offset + capturedLength
          && (buffer.getShort(at + 6) & 0x3fff) != 0) {
        fragment = true; // MF set or a fragment offset: part of a fragmented datagram
      }
    }
  }
}
