package io.netanal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The table reuses an ended flow's object for a later flow: nothing of the earlier flow may show in the later. */
class FlowReuseTest {
  private static final int FIN = Traffic.FIN;
  private static final int SYN = Traffic.SYN;
  private static final int RST = Traffic.RST;
  private static final int PSH = Traffic.PSH;
  private static final int ACK = Traffic.ACK;
  private static final String C = "10.0.0.1";
  private static final String S = "10.0.0.2";

  /** Flows whose state reaches every field a flow keeps: history past 9 letters, roles, RTT, ICMP, payload. */
  private static final List<BiConsumer<Traffic, Long>> FLOWS = List.of(
      (t, at) -> { // handshake, data, 10 retransmissions, zero window, data back, close: history "ShADTTawdFf"
        t.tcp(at, C, 40000, S, 80, SYN, 1000, 0, 0).tcp(at + 20, S, 80, C, 40000, SYN | ACK, 5000, 1001, 0)
            .tcp(at + 21, C, 40000, S, 80, ACK, 1001, 5001, 0);
        for (int i = 0; i <= 10; i++) {
          t.tcp(at + 30 + i, C, 40000, S, 80, PSH | ACK, 1001, 5001, 10);
        }
        t.window(0).tcp(at + 50, S, 80, C, 40000, ACK, 5001, 1011, 0).window(65535)
            .tcp(at + 51, S, 80, C, 40000, PSH | ACK, 5001, 1011, 7)
            .tcp(at + 52, C, 40000, S, 80, FIN | ACK, 1011, 5008, 0)
            .tcp(at + 53, S, 80, C, 40000, FIN | ACK, 5008, 1012, 0);
      },
      (t, at) -> t.udp(at, C, 53000, S, 53, 30).udp(at + 1, S, 53, C, 53000, 90),
      (t, at) -> t.icmp(at, C, S, 8, 0).icmp(at + 1, S, C, 0, 0),
      (t, at) -> t.tcp(at, S, 443, C, 40001, SYN | ACK, 7000, 3001, 0) // first seen from the responder: '^'
          .tcp(at + 1, C, 40001, S, 443, RST, 3001, 0, 0),
      (t, at) -> t.tcp(at, C, 40002, S, 22, SYN, 9, 0, 0),
      (t, at) -> t.icmp(at, C, S, 3, 1)); // one-way: its code stands in for a port

  @Test
  void shouldGiveAFlowMadeFromAReusedObjectTheRecordOfAFreshOne() {
    List<String> fresh = new ArrayList<>();
    long at = 0;
    for (int round = 0; round < 2; round++) {
      for (BiConsumer<Traffic, Long> flow : FLOWS) {
        Traffic alone = new Traffic();
        flow.accept(alone, at);
        fresh.add(withoutEnd(alone.only()));
        at += 1000;
      }
    }
    // One flow at a time: each next flow evicts the previous and takes over its object.
    Traffic reused = new Traffic(FlowTableOptions.forFile("test.pcap", 1));
    at = 0;
    for (int round = 0; round < 2; round++) {
      for (BiConsumer<Traffic, Long> flow : FLOWS) {
        flow.accept(reused, at);
        at += 1000;
      }
    }
    List<String> records = reused.finish().stream().map(FlowReuseTest::withoutEnd).toList();
    assertThat(records).containsExactlyElementsOf(fresh);
    assertThat(reused.records.get(0).history()).isEqualTo("ShADTTawdFf");
    assertThat(reused.records.get(3).history()).startsWith("^");
  }

  private static String withoutEnd(FlowRecord f) {
    return f.toString().replaceFirst(", end=[a-z]+, ", ", ");
  }
}
