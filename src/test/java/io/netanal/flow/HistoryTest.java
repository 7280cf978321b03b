package io.netanal.flow;

import static io.netanal.flow.FlowTableTest.C;
import static io.netanal.flow.FlowTableTest.S;
import static io.netanal.flow.FlowTableTest.handshake;
import static io.netanal.flow.Traffic.ACK;
import static io.netanal.flow.Traffic.FIN;
import static io.netanal.flow.Traffic.PSH;
import static io.netanal.flow.Traffic.RST;
import static io.netanal.flow.Traffic.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Zeek's history letters, one test per rule (upper case from the originator, lower case from the responder). */
class HistoryTest {
  @Test
  void shouldRecordAckAndDataOncePerDirection() {
    FlowRecord f = handshake()
        .tcp(30, C, 40000, S, 80, ACK, 1001, 5001, 0)
        .tcp(40, C, 40000, S, 80, PSH | ACK, 1001, 5001, 10)
        .tcp(50, C, 40000, S, 80, PSH | ACK, 1011, 5001, 10)
        .tcp(60, S, 80, C, 40000, PSH | ACK, 5001, 1021, 10)
        .tcp(70, S, 80, C, 40000, PSH | ACK, 5011, 1021, 10)
        .only();
    assertThat(f.history()).isEqualTo("ShADd");
  }

  @Test
  void shouldRepeatSynOnlyWithADifferentSequenceNumber() {
    FlowRecord same = new Traffic()
        .tcp(0, C, 40000, S, 80, SYN, 1000, 0, 0)
        .tcp(1000, C, 40000, S, 80, SYN, 1000, 0, 0)
        .only();
    assertThat(same.history()).isEqualTo("S");
    FlowRecord jumped = new Traffic()
        .tcp(0, C, 40000, S, 80, SYN, 1000, 0, 0)
        .tcp(1000, C, 40000, S, 80, SYN, 7000, 0, 0)
        .only();
    assertThat(jumped.history()).isEqualTo("SS");
  }

  @Test
  void shouldRepeatFinOnlyWithADifferentSequenceNumber() {
    FlowRecord f = handshake()
        .tcp(30, C, 40000, S, 80, FIN | ACK, 1001, 5001, 0)
        .tcp(40, C, 40000, S, 80, FIN | ACK, 1001, 5001, 0)
        .only();
    assertThat(f.history()).isEqualTo("ShAF");
  }

  @Test
  void shouldRepeatRstOnlyWithADifferentSequenceNumber() {
    FlowRecord f = handshake()
        .tcp(30, S, 80, C, 40000, RST, 5001, 0, 0)
        .tcp(31, S, 80, C, 40000, RST, 5001, 0, 0)
        .tcp(32, S, 80, C, 40000, RST, 5101, 0, 0)
        .only();
    assertThat(f.history()).isEqualTo("ShArr");
  }

  @Test
  void shouldRecordRetransmissionsLogarithmically() {
    Traffic t = handshake().tcp(30, C, 40000, S, 80, PSH | ACK, 1001, 5001, 10);
    for (int i = 1; i <= 10; i++) {
      t.tcp(30 + i, C, 40000, S, 80, PSH | ACK, 1001, 5001, 10); // the same segment again
    }
    FlowRecord f = t.only();
    assertThat(f.history()).isEqualTo("ShADTT"); // the 1st and the 10th retransmission
    assertThat(f.origRetransmissions()).isEqualTo(10);
    assertThat(f.origBytes()).isEqualTo(10);
  }

  @Test
  void shouldRecordZeroWindow() {
    FlowRecord f = handshake().window(0).tcp(30, S, 80, C, 40000, ACK, 5001, 1001, 0).only();
    assertThat(f.history()).isEqualTo("ShAaw");
  }

  @Test
  void shouldRecordAGapWhenThePeerAcknowledgesDataNeverSeen() {
    FlowRecord f = handshake()
        .tcp(30, S, 80, C, 40000, ACK, 5001, 1501, 0) // acknowledges 500 bytes the capture missed
        .only();
    assertThat(f.history()).isEqualTo("ShAaG"); // the ACK's own letter first, then the gap it reveals
    assertThat(f.origBytes()).isEqualTo(500); // payload bytes by sequence space
  }

  @Test
  void shouldRecordFinWithRstAsI() {
    FlowRecord f = handshake().tcp(30, C, 40000, S, 80, FIN | RST | ACK, 1001, 5001, 0).only();
    assertThat(f.history()).isEqualTo("ShAI");
  }

  @Test
  void shouldRecordSynWithFinAsQ() {
    FlowRecord f = new Traffic().tcp(0, C, 40000, S, 80, SYN | FIN, 1000, 0, 0).only();
    assertThat(f.history()).isEqualTo("Q");
  }

  @Test
  void shouldMarkARoleFlipWithCaret() {
    FlowRecord f = new Traffic()
        .tcp(0, S, 80, C, 40000, SYN | ACK, 5000, 1001, 0)
        .tcp(10, C, 40000, S, 80, ACK, 1001, 5001, 0)
        .only();
    assertThat(f.history()).isEqualTo("^hA");
    assertThat(f.origAddress()).isEqualTo(C);
  }

  @Test
  void shouldCountPayloadBytesMissingFromTheCaptureBySequenceSpace() {
    FlowRecord f = handshake()
        .tcp(30, C, 40000, S, 80, PSH | ACK, 1001, 5001, 100)
        .tcp(40, C, 40000, S, 80, PSH | ACK, 1201, 5001, 100) // 1101..1200 never captured
        .only();
    assertThat(f.origBytes()).isEqualTo(300);
    assertThat(f.origRetransmissions()).isZero();
  }
}
