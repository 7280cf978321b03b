package io.netanal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndedFlowTest {
  private static final String C = "10.0.0.1";
  private static final String S = "10.0.0.2";

  /** What a listener read from the view, before asking for the record, and the record. */
  private record Seen(String state, String service, String end, long tsNanos, long packets, long ipBytes,
      long durationNanos, int ipProtocol, int ipVersion, long origHigh, long origLow, long retransmissions,
      double rttMillis, boolean metadata, FlowRecord record) {}

  private static Seen seen(EndedFlow f) {
    return new Seen(f.state(), f.service(), f.end(), f.tsNanos(), f.packets(), f.ipBytes(), f.durationNanos(),
        f.ipProtocol(), f.ipVersion(), f.origAddressHigh(), f.origAddressLow(), f.origRetransmissions(),
        f.rttMillis(), f.hasApplicationMetadata(), f.record());
  }

  @Test
  void shouldGiveTheNumbersOfItsRecordAndOneRecordPerFlow() {
    List<Seen> seen = new ArrayList<>();
    List<FlowRecord> again = new ArrayList<>();
    Traffic traffic = new Traffic(new FlowListener() {
      @Override
      public void flowEnded(FlowRecord flow) {
        throw new AssertionError("the table hands on views");
      }

      @Override
      public void flowEnded(EndedFlow flow) {
        seen.add(seen(flow));
        again.add(flow.record());
      }
    });
    // A handshake with a retransmission and a close (a round trip), a UDP exchange, an ICMP echo, a lone SYN.
    traffic.tcp(0, C, 40000, S, 80, Traffic.SYN, 1000, 0, 0)
        .tcp(20, S, 80, C, 40000, Traffic.SYN | Traffic.ACK, 5000, 1001, 0)
        .tcp(21, C, 40000, S, 80, Traffic.ACK, 1001, 5001, 0)
        .tcp(30, C, 40000, S, 80, Traffic.PSH | Traffic.ACK, 1001, 5001, 10)
        .tcp(31, C, 40000, S, 80, Traffic.PSH | Traffic.ACK, 1001, 5001, 10)
        .tcp(40, C, 40000, S, 80, Traffic.FIN | Traffic.ACK, 1011, 5001, 0)
        .tcp(41, S, 80, C, 40000, Traffic.FIN | Traffic.ACK, 5001, 1012, 0);
    traffic.udp(50, C, 53000, S, 53, 30).udp(51, S, 53, C, 53000, 90);
    traffic.icmp(60, C, S, 8, 0).icmp(61, S, C, 0, 0);
    traffic.tcp(70, S, 40001, C, 22, Traffic.SYN, 9, 0, 0);
    traffic.finish();

    assertThat(seen).hasSize(4);
    for (int i = 0; i < seen.size(); i++) {
      Seen s = seen.get(i);
      FlowRecord r = s.record();
      assertThat(again.get(i)).isSameAs(r);
      assertThat(s).isEqualTo(new Seen(r.state(), r.service(), r.end(), r.tsNanos(), r.packets(), r.ipBytes(),
          r.durationNanos(), r.ipProtocol(), r.ipVersion(), r.origAddressHigh(), r.origAddressLow(),
          r.origRetransmissions(), r.rttMillis() == null ? Double.NaN : r.rttMillis(),
          !r.dns().isEmpty() || r.tls() != null || r.http() != null, r));
    }
    assertThat(seen).extracting(s -> s.record().proto()).containsExactly("tcp", "udp", "icmp", "tcp");
    assertThat(seen.get(0).retransmissions()).isEqualTo(1);
    assertThat(seen.get(0).rttMillis()).isPositive();
    assertThat(seen.get(3).origLow()).isEqualTo(Traffic.ipv4(S) & 0xffffffffL);
  }
}
