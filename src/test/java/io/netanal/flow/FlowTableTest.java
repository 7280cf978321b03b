package io.netanal.flow;

import static io.netanal.flow.Traffic.ACK;
import static io.netanal.flow.Traffic.FIN;
import static io.netanal.flow.Traffic.PSH;
import static io.netanal.flow.Traffic.RST;
import static io.netanal.flow.Traffic.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The flow table's lifecycle and Zeek's conn_state, one test per state: client 10.0.0.1:40000 (ISN 1000), server
 * 10.0.0.2:80 (ISN 5000); times in milliseconds.
 */
class FlowTableTest {
  static final String C = "10.0.0.1";
  static final String S = "10.0.0.2";

  /** SYN, SYN-ACK, ACK at 0, 10, 20 ms. */
  static Traffic handshake() {
    return new Traffic()
        .tcp(0, C, 40000, S, 80, SYN, 1000, 0, 0)
        .tcp(10, S, 80, C, 40000, SYN | ACK, 5000, 1001, 0)
        .tcp(20, C, 40000, S, 80, ACK, 1001, 5001, 0);
  }

  @Test
  void shouldBeS0WhenSynIsUnanswered() {
    FlowRecord f = new Traffic().tcp(0, C, 40000, S, 80, SYN, 1000, 0, 0).only();
    assertThat(f.state()).isEqualTo("S0");
    assertThat(f.history()).isEqualTo("S");
    assertThat(f.origAddress()).isEqualTo(C);
    assertThat(f.respPort()).isEqualTo(80);
    assertThat(f.end()).isEqualTo("eof");
    assertThat(f.rttMillis()).isNull();
    assertThat(f.failedAttempt()).isTrue();
  }

  @Test
  void shouldBeS1WithHandshakeRttWhenEstablishedAndNotClosed() {
    FlowRecord f = handshake().only();
    assertThat(f.state()).isEqualTo("S1");
    assertThat(f.history()).isEqualTo("ShA");
    assertThat(f.rttMillis()).isEqualTo(20.0);
    assertThat(f.established()).isTrue();
  }

  @Test
  void shouldBeSfWithPayloadBytesWhenBothSidesClose() {
    FlowRecord f = handshake()
        .tcp(30, C, 40000, S, 80, PSH | ACK, 1001, 5001, 100)
        .tcp(40, S, 80, C, 40000, ACK, 5001, 1101, 0)
        .tcp(50, C, 40000, S, 80, FIN | ACK, 1101, 5001, 0)
        .tcp(60, S, 80, C, 40000, FIN | ACK, 5001, 1102, 0)
        .tcp(70, C, 40000, S, 80, ACK, 1102, 5002, 0)
        .only();
    assertThat(f.state()).isEqualTo("SF");
    assertThat(f.history()).isEqualTo("ShADaFf");
    assertThat(f.origBytes()).isEqualTo(100);
    assertThat(f.respBytes()).isZero();
    assertThat(f.origPackets()).isEqualTo(5);
    assertThat(f.respPackets()).isEqualTo(3);
    assertThat(f.origIpBytes()).isEqualTo(5 * 40 + 100);
    assertThat(f.end()).isEqualTo("fin");
  }

  @Test
  void shouldBeRejWhenResponderResetsTheSyn() {
    FlowRecord f = new Traffic()
        .tcp(0, C, 40000, S, 80, SYN, 1000, 0, 0)
        .tcp(1, S, 80, C, 40000, RST | ACK, 0, 1001, 0)
        .only();
    assertThat(f.state()).isEqualTo("REJ");
    assertThat(f.history()).isEqualTo("Sr");
    assertThat(f.end()).isEqualTo("rst");
    assertThat(f.failedAttempt()).isTrue();
  }

  @Test
  void shouldBeRstoWhenOriginatorResetsAnEstablishedConnection() {
    FlowRecord f = handshake().tcp(30, C, 40000, S, 80, RST, 1001, 0, 0).only();
    assertThat(f.state()).isEqualTo("RSTO");
    assertThat(f.history()).isEqualTo("ShAR");
  }

  @Test
  void shouldBeRstrWhenResponderResetsAnEstablishedConnection() {
    FlowRecord f = handshake().tcp(30, S, 80, C, 40000, RST, 5001, 0, 0).only();
    assertThat(f.state()).isEqualTo("RSTR");
    assertThat(f.history()).isEqualTo("ShAr");
  }

  @Test
  void shouldBeRstos0WhenOriginatorResetsAfterItsSynOnly() {
    FlowRecord f = new Traffic()
        .tcp(0, C, 40000, S, 80, SYN, 1000, 0, 0)
        .tcp(5, C, 40000, S, 80, RST, 1001, 0, 0)
        .only();
    assertThat(f.state()).isEqualTo("RSTOS0");
    assertThat(f.history()).isEqualTo("SR");
  }

  @Test
  void shouldBeRstrhWhenResponderSendsSynAckThenResetAndOriginatorIsSilent() {
    FlowRecord f = new Traffic()
        .tcp(0, S, 80, C, 40000, SYN | ACK, 5000, 1001, 0)
        .tcp(5, S, 80, C, 40000, RST, 5001, 0, 0)
        .only();
    assertThat(f.origAddress()).isEqualTo(C); // a SYN-ACK comes from the responder: roles flipped
    assertThat(f.state()).isEqualTo("RSTRH");
    assertThat(f.history()).isEqualTo("^hr");
  }

  @Test
  void shouldBeShWhenOriginatorClosesWithoutAnswer() {
    FlowRecord f = new Traffic()
        .tcp(0, C, 40000, S, 80, SYN, 1000, 0, 0)
        .tcp(5, C, 40000, S, 80, FIN, 1001, 0, 0)
        .only();
    assertThat(f.state()).isEqualTo("SH");
    assertThat(f.history()).isEqualTo("SF");
  }

  @Test
  void shouldBeShrWhenOnlyTheResponderIsSeenClosing() {
    FlowRecord f = new Traffic().tcp(0, S, 80, C, 40000, FIN | ACK, 5000, 1000, 0).only();
    assertThat(f.origAddress()).isEqualTo(C); // no SYN and from a server port: the sender is the responder
    assertThat(f.state()).isEqualTo("SHR");
    assertThat(f.history()).isEqualTo("^f");
  }

  @Test
  void shouldBeS2WhenOnlyTheOriginatorClosedAnEstablishedConnection() {
    FlowRecord f = handshake().tcp(30, C, 40000, S, 80, FIN | ACK, 1001, 5001, 0).only();
    assertThat(f.state()).isEqualTo("S2");
  }

  @Test
  void shouldBeS3WhenOnlyTheResponderClosedAnEstablishedConnection() {
    FlowRecord f = handshake().tcp(30, S, 80, C, 40000, FIN | ACK, 5001, 1001, 0).only();
    assertThat(f.state()).isEqualTo("S3");
  }

  @Test
  void shouldBeOthForAConnectionSeenMidStream() {
    FlowRecord f = new Traffic()
        .tcp(0, C, 40000, S, 80, PSH | ACK, 1001, 5001, 10)
        .tcp(1, S, 80, C, 40000, ACK, 5001, 1011, 0)
        .only();
    assertThat(f.state()).isEqualTo("OTH");
    assertThat(f.history()).isEqualTo("Da");
    assertThat(f.origBytes()).isEqualTo(10);
  }

  @Test
  void shouldBeSfS0AndShrForUdpByWhoSpoke() {
    Traffic t = new Traffic()
        .udp(0, C, 50000, "10.0.0.53", 53, 30)
        .udp(1, "10.0.0.53", 53, C, 50000, 90)
        .udp(2, C, 50001, "10.0.0.9", 9999, 10)
        .udp(3, "10.0.0.53", 53, C, 50002, 90);
    List<FlowRecord> records = t.finish();
    assertThat(records).extracting(FlowRecord::state).containsExactly("SF", "S0", "SHR");
    assertThat(records).extracting(FlowRecord::history).containsExactly("Dd", "D", "^d");
    assertThat(records.get(0).origBytes()).isEqualTo(30);
    assertThat(records.get(0).respBytes()).isEqualTo(90);
    assertThat(records.get(2).origAddress()).isEqualTo(C);
  }

  @Test
  void shouldPairIcmpEchoRequestAndReplyInOneOthFlow() {
    FlowRecord f = new Traffic().icmp(0, C, S, 8, 0).icmp(1, S, C, 0, 0).only();
    assertThat(f.state()).isEqualTo("OTH");
    assertThat(f.proto()).isEqualTo("icmp");
    assertThat(f.origPort()).isEqualTo(8);
    assertThat(f.respPort()).isEqualTo(0);
    assertThat(f.origPackets()).isEqualTo(1);
    assertThat(f.respPackets()).isEqualTo(1);
  }

  @Test
  void shouldStartANewFlowWhenASynWithANewIsnReusesAClosedTuple() {
    List<FlowRecord> records = handshake()
        .tcp(30, C, 40000, S, 80, RST, 1001, 0, 0)
        .tcp(1000, C, 40000, S, 80, SYN, 9000, 0, 0)
        .finish();
    assertThat(records).extracting(FlowRecord::state).containsExactly("RSTO", "S0");
    assertThat(records).extracting(FlowRecord::end).containsExactly("rst", "eof");
  }

  @Test
  void shouldEndAClosedConnectionAfterTheGrace() {
    Traffic t = handshake()
        .tcp(30, C, 40000, S, 80, FIN | ACK, 1001, 5001, 0)
        .tcp(40, S, 80, C, 40000, FIN | ACK, 5001, 1002, 0)
        .udp(5039, C, 1, S, 2, 1);
    assertThat(t.records).isEmpty(); // still within the 5 s grace after its last packet
    t.udp(5041, C, 1, S, 2, 1);
    assertThat(t.records).extracting(FlowRecord::end).containsExactly("fin");
  }

  @Test
  void shouldSplitUdpAfterAMinuteIdle() {
    List<FlowRecord> records = new Traffic()
        .udp(0, C, 5000, S, 6000, 1)
        .udp(60_000, C, 5000, S, 6000, 1)
        .udp(120_001, C, 5000, S, 6000, 1)
        .finish();
    assertThat(records).extracting(FlowRecord::end).containsExactly("idle", "eof");
    assertThat(records).extracting(FlowRecord::packets).containsExactly(2L, 1L);
  }

  @Test
  void shouldKeepTcpForFiveMinutesIdle() {
    List<FlowRecord> records = handshake()
        .tcp(20 + 300_000, C, 40000, S, 80, ACK, 1001, 5001, 0)
        .tcp(20 + 600_001, C, 40000, S, 80, ACK, 1001, 5001, 0)
        .finish();
    assertThat(records).extracting(FlowRecord::end).containsExactly("idle", "eof");
  }

  @Test
  void shouldWriteInterimRecordsAtTheActiveTimeoutLive() {
    Traffic t = new Traffic(FlowTableOptions.forLive("lo", 100, TimeUnit.SECONDS.toNanos(10)));
    for (int s = 0; s <= 25; s++) {
      t.udp(s * 1000L, C, 5000, S, 6000, 10);
    }
    List<FlowRecord> records = t.finish();
    assertThat(records).extracting(FlowRecord::end).containsExactly("active", "active", "eof");
    assertThat(records).extracting(FlowRecord::packets).containsExactly(11L, 10L, 5L);
    assertThat(records.stream().mapToLong(FlowRecord::origBytes).sum()).isEqualTo(26 * 10);
  }

  @Test
  void shouldEndIdleFlowsOnTick() {
    Traffic t = new Traffic().udp(0, C, 5000, S, 6000, 1);
    t.table.tick(1_700_000_000_000_000_000L + TimeUnit.SECONDS.toNanos(61));
    assertThat(t.records).extracting(FlowRecord::end).containsExactly("idle");
  }

  @Test
  void shouldKeepTheVlanInTheKey() {
    FlowRecord f = handshake().only();
    assertThat(f.vlan()).isEqualTo(-1);
    assertThat(f.communityId()).startsWith("1:");
    assertThat(f.source()).isEqualTo("test.pcap");
  }
}
