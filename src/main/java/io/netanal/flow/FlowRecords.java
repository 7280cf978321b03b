package io.netanal.flow;

import io.netanal.frame.AddressFormat;
import java.util.List;

/**
 * Makes a {@link FlowRecord} from an ended (or interim) {@link Flow}: address text, Community ID, Zeek's state.
 * Once per record, never per packet. Owned by the flow table's thread (it reuses a digest).
 */
final class FlowRecords {
  private final CommunityId communityId = new CommunityId();

  FlowRecord build(Flow f, String end, String source) {
    boolean origIsA = f.origIsA;
    String a = address(f.ipVersion, f.aHigh, f.aLow);
    String b = address(f.ipVersion, f.bHigh, f.bLow);
    int origPort;
    int respPort;
    if (f.icmpType >= 0) {
      // Zeek's ICMP ports: the originator's message type and code.
      boolean firstFromOrig = f.firstFromA == origIsA;
      int counterpart = f.protocol == CommunityId.ICMP ? CommunityId.icmpCounterpart(f.icmpType)
          : CommunityId.icmpv6Counterpart(f.icmpType);
      origPort = firstFromOrig || counterpart < 0 ? f.icmpType : counterpart;
      respPort = f.icmpCode;
    } else {
      origPort = origIsA ? f.aPort : f.bPort;
      respPort = origIsA ? f.bPort : f.aPort;
    }
    String id = communityId(f);
    long origBytes;
    long respBytes;
    long origRetransmissions = 0;
    long respRetransmissions = 0;
    Double rtt = null;
    if (f.tcp != null) {
      origBytes = f.tcp[Flow.ORIG].size() - f.reportedBytes[Flow.ORIG];
      respBytes = f.tcp[Flow.RESP].size() - f.reportedBytes[Flow.RESP];
      origRetransmissions = f.tcp[Flow.ORIG].retransmissions;
      respRetransmissions = f.tcp[Flow.RESP].retransmissions;
      if (f.rttNanos >= 0) {
        rtt = f.rttNanos / 1e6;
      }
    } else {
      origBytes = f.payloadBytes[Flow.ORIG];
      respBytes = f.payloadBytes[Flow.RESP];
    }
    return new FlowRecord(source, f.firstTs, f.lastTs, origIsA ? a : b, origPort, origIsA ? b : a, respPort,
        f.protocol, f.vlan, Services.name(f.service), f.packets[Flow.ORIG], f.packets[Flow.RESP],
        Math.max(0, origBytes), Math.max(0, respBytes), f.ipBytes[Flow.ORIG], f.ipBytes[Flow.RESP],
        ConnState.of(f), f.history.toString(), end, id, rtt, origRetransmissions, respRetransmissions,
        f.dns == null ? List.of() : f.dns, f.dnsMore, f.tls, f.http);
  }

  /** The Community ID as the flow's first packet gives it (it only matters for one-way ICMP types). */
  private String communityId(Flow f) {
    byte[] a = bytes(f.ipVersion, f.aHigh, f.aLow);
    byte[] b = bytes(f.ipVersion, f.bHigh, f.bLow);
    boolean fromA = f.firstFromA;
    if (f.icmpType >= 0) {
      return communityId.of(fromA ? a : b, fromA ? b : a, f.protocol, f.icmpType, f.icmpCode);
    }
    return communityId.of(fromA ? a : b, fromA ? b : a, f.protocol, fromA ? f.aPort : f.bPort,
        fromA ? f.bPort : f.aPort);
  }

  private static String address(int version, long high, long low) {
    return version == 4 ? AddressFormat.ipv4((int) low) : AddressFormat.ipv6(high, low);
  }

  private static byte[] bytes(int version, long high, long low) {
    byte[] out = new byte[version == 4 ? 4 : 16];
    if (version == 4) {
      for (int i = 0; i < 4; i++) {
        out[i] = (byte) (low >>> (24 - 8 * i));
      }
    } else {
      for (int i = 0; i < 8; i++) {
        out[i] = (byte) (high >>> (56 - 8 * i));
        out[8 + i] = (byte) (low >>> (56 - 8 * i));
      }
    }
    return out;
  }
}
