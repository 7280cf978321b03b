package io.netanal.flow;

import static io.netanal.flow.TcpEndpoint.CLOSED;
import static io.netanal.flow.TcpEndpoint.ESTABLISHED;
import static io.netanal.flow.TcpEndpoint.INACTIVE;
import static io.netanal.flow.TcpEndpoint.RESET;
import static io.netanal.flow.TcpEndpoint.SYN_ACK_SENT;
import static io.netanal.flow.TcpEndpoint.SYN_SENT;

/**
 * Zeek's {@code conn_state} code of a flow, exactly as {@code conn_state()} in Zeek's
 * {@code base/protocols/conn/main.zeek} derives it from the two endpoint states (DESIGN.md section 5).
 *
 * <p>Stateless; any thread.
 */
final class ConnState {
  private ConnState() {}

  /** The state of {@code flow}, whose history letters are {@code history}. */
  static String of(Flow flow, CharSequence history) {
    if (flow.protocol == CommunityId.TCP && flow.isTcp) {
      TcpEndpoint orig = flow.tcp(Flow.ORIG);
      TcpEndpoint resp = flow.tcp(Flow.RESP);
      return tcp(orig.state, resp.state, orig.inactive(), resp.inactive(), orig.size(), resp.size(),
          history);
    }
    if (flow.protocol == CommunityId.UDP) {
      return udp(flow.origPackets > 0, flow.respPackets > 0);
    }
    return "OTH"; // ICMP and every other protocol
  }

  static String tcp(int os, int rs, boolean origInactive, boolean respInactive, long origSize, long respSize,
      CharSequence history) {
    if (rs == RESET) {
      if (os == SYN_SENT || os == SYN_ACK_SENT || (os == RESET && origSize == 0 && respSize == 0)) {
        return "REJ";
      }
      return origInactive ? "RSTRH" : "RSTR";
    }
    if (os == RESET) {
      if (respInactive) {
        return resetAfterSynOnly(history) ? "RSTOS0" : "OTH";
      }
      return "RSTO";
    }
    if (rs == CLOSED && os == CLOSED) {
      return "SF";
    }
    if (os == CLOSED) {
      return respInactive ? "SH" : "S2";
    }
    if (rs == CLOSED) {
      return origInactive ? "SHR" : "S3";
    }
    if (os == SYN_SENT && rs == INACTIVE) {
      return "S0";
    }
    if (os == ESTABLISHED && rs == ESTABLISHED) {
      return "S1";
    }
    return "OTH";
  }

  /** UDP (Zeek's UDP_ACTIVE per side): both SF, originator only S0, responder only SHR, else OTH. */
  static String udp(boolean origActive, boolean respActive) {
    if (origActive) {
      return respActive ? "SF" : "S0";
    }
    return respActive ? "SHR" : "OTH";
  }

  /** Zeek's pattern {@code ^?S[^HAFGIQ]*R.*} (RSTOS0) matched against the whole history. */
  static boolean resetAfterSynOnly(CharSequence history) {
    int i = 0;
    int n = history.length();
    if (i < n && history.charAt(i) == '^') {
      i++;
    }
    if (i >= n || history.charAt(i) != 'S') {
      return false;
    }
    for (i++; i < n; i++) {
      char c = history.charAt(i);
      if (c == 'R') {
        return true;
      }
      if ("HAFGIQ".indexOf(c) >= 0) {
        return false;
      }
    }
    return false;
  }
}
