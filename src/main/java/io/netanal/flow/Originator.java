package io.netanal.flow;

import io.netanal.decode.DecodedFrame;

/**
 * The originator rule (DESIGN.md section 5, after Zeek): the first packet's sender opens the flow, unless that
 * packet shows it is the responder. Stateless; any thread.
 */
final class Originator {
  private Originator() {}

  /**
   * Whether the flow's first packet came from the responder: a TCP SYN-ACK; a TCP packet without SYN from a likely
   * server port; a UDP packet from a likely server port to a port that is not one; an ICMP reply type.
   */
  static boolean firstPacketFromResponder(Flow flow, DecodedFrame d) {
    switch (flow.protocol) {
      case CommunityId.TCP -> {
        int flags = d.tcpFlags();
        if ((flags & TcpTracker.SYN) != 0) {
          return (flags & TcpTracker.ACK) != 0;
        }
        return ServerPorts.tcp(d.sourcePort());
      }
      case CommunityId.UDP -> {
        return ServerPorts.udp(d.sourcePort()) && !ServerPorts.udp(d.destinationPort());
      }
      case CommunityId.ICMP -> {
        int type = d.icmpType();
        return type == 0 || type == 14 || type == 16 || type == 9 || type == 18;
      }
      case CommunityId.ICMPV6 -> {
        int type = d.icmpType();
        return type == 129 || type == 131 || type == 134 || type == 136 || type == 140 || type == 145;
      }
      default -> {
        return false;
      }
    }
  }
}
