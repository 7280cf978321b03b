package io.netanal.window;

import static io.netanal.window.Packets.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.DecodedFrameConsumer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowRowsTest {
  private static final long S = 1_000_000_000L;
  private static final long T0 = 1_700_000_000L * S;

  @Test
  void shouldReadEachRowAsItsRecordAndSortRowsInTheRecordsOrderInPlaceAndFromRecords() {
    List<Integer> checked = new ArrayList<>();
    // A small cap, so the 'other' row is in the windows too.
    WindowAggregator agg = WindowAggregator.inPlace(WindowSizes.defaults(), rows -> checked.add(check(rows)), 40, 2);
    traffic(new Packets(agg));
    agg.finish();

    assertThat(checked).hasSizeGreaterThan(80 + 13 + 2).allMatch(n -> n > 0);
    assertThat(others).as("windows with an 'other' row").isGreaterThan(0);
  }

  @Test
  void shouldGiveDetectionTheSameRowsWhenKeepingOnlyWhatItReadsAndRefuseItsRecords() {
    List<List<Object>> all = new ArrayList<>();
    List<List<Object>> lean = new ArrayList<>();
    WindowAggregator records = WindowAggregator.inPlace(WindowSizes.defaults(), rows -> all.add(values(rows)), 40, 2);
    WindowAggregator detection = WindowAggregator.forDetection(WindowSizes.defaults(), rows -> {
      lean.add(values(rows));
      assertThatThrownBy(rows::closedWindow).isInstanceOf(IllegalStateException.class)
          .hasMessage("window records: the aggregator keeps only what detection reads "
              + "(expected: WindowAggregator.inPlace for records)");
    }, 40, 2);
    traffic(new Packets(new DecodedFrameConsumer() {
      @Override
      public void frame(long ts, int captured, long original, ByteBuffer buffer, int offset, DecodedFrame d) {
        records.frame(ts, captured, original, buffer, offset, d);
        detection.frame(ts, captured, original, buffer, offset, d);
      }
    }));
    records.finish();
    detection.finish();

    assertThat(lean).hasSizeGreaterThan(80 + 13 + 2).isEqualTo(all);
  }

  /** Every value a detector can read of each row, in the rows' order. */
  private static List<Object> values(WindowRows w) {
    List<Object> values = new ArrayList<>(List.of(w.window(), w.startNanos(), w.endNanos(), w.rows()));
    for (int r = 0; r < w.rows(); r++) {
      values.addAll(List.of(w.address(r), w.isOther(r), w.addressHigh(r), w.addressLow(r), w.packets(r),
          w.bytes(r), w.flowsStarted(r), w.tcpSyn(r), w.udpPackets(r), w.icmpPackets(r), w.dnsQueries(r),
          w.dnsQueryBytes(r), w.icmpEchoRequests(r), w.probes(r), w.packetsReceived(r), w.tcpSynReceived(r),
          w.tcpSynAckReceived(r), w.tcpRstReceived(r), w.tcpAckReceived(r), w.udpReceived(r),
          w.icmpReceived(r), w.icmpErrorsReceived(r), w.icmpUnreachableReceived(r),
          w.icmpEchoRepliesReceived(r), w.dnsResponsesReceived(r), w.dnsResponseBytesReceived(r),
          w.distinctSources(r), w.distinctProbeAddresses(r), w.distinctProbePorts(r),
          w.distinctRespondents(r), w.topProbeTargetVotes(r), w.topProbePort(r), w.unansweredProbes(r),
          w.unansweredTargets(r), w.refusals(r), String.valueOf(w.topProbeTarget(r)),
          String.valueOf(w.topSource(r))));
    }
    int[] order = new int[w.rows()];
    for (int r = 0; r < order.length; r++) {
      order[r] = order.length - 1 - r;
    }
    w.sortInRecordOrder(order, order.length);
    for (int r : order) {
      values.add(r);
    }
    return values;
  }

  /** 400 s of TCP, UDP (DNS and not) and ICMP among 160 addresses: 5 s, 30 s and 3 m windows. */
  private static void traffic(Packets p) {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      long ts = T0 + i * 20_000_000L; // 400 s: 5 s, 30 s and 3 m windows
      int a = ip(10, 0, random.nextInt(4), random.nextInt(40));
      int b = ip(10, 0, random.nextInt(4), random.nextInt(40));
      switch (random.nextInt(6)) {
        case 0 -> p.tcp(ts, a, b, 40_000 + random.nextInt(100), random.nextInt(1, 200), Packets.SYN, 0);
        case 1 -> p.tcp(ts, a, b, random.nextInt(1, 200), 40_000, Packets.SYN_ACK, 0);
        case 2 -> p.tcp(ts, a, b, 40_000, 80, random.nextBoolean() ? Packets.ACK : Packets.RST, 100);
        case 3 -> p.udp(ts, a, b, 5353, 53, Packets.dns(random.nextBoolean(), 40 + random.nextInt(500)), 0);
        case 4 -> p.udp(ts, a, b, 30_000 + random.nextInt(100), 123, new byte[48], 0);
        default -> p.icmp(ts, a, b, random.nextBoolean() ? 8 : random.nextInt(4), 0);
      }
    }
  }

  private int others;

  /** Compares every row with its record; returns the number of rows. */
  private int check(WindowRows w) {
    ClosedWindow closed = w.closedWindow();
    assertThat(w.closedWindow()).isSameAs(closed); // built once
    assertThat(closed.window()).isEqualTo(w.window());
    assertThat(closed.startNanos()).isEqualTo(w.startNanos());
    assertThat(closed.endNanos()).isEqualTo(w.endNanos());
    int[] rows = new int[w.rows()];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = rows.length - 1 - r; // reversed, so the sort has work to do
    }
    w.sortInRecordOrder(rows, rows.length);
    List<WindowRecord> records = closed.records();
    assertThat(records).hasSize(rows.length);
    WindowRows fromRecords = WindowRows.of(closed);
    assertThat(fromRecords.closedWindow()).isSameAs(closed);
    assertThat(fromRecords.rows()).isEqualTo(rows.length);
    assertThat(fromRecords.window()).isEqualTo(w.window());
    assertThat(fromRecords.endNanos() - fromRecords.startNanos()).isEqualTo(w.endNanos() - w.startNanos());
    int[] same = new int[rows.length];
    for (int i = 0; i < same.length; i++) {
      same[i] = same.length - 1 - i;
    }
    fromRecords.sortInRecordOrder(same, same.length);
    for (int i = 0; i < rows.length; i++) {
      int r = rows[i];
      WindowRecord e = records.get(i);
      compare(w, r, e);
      others += w.isOther(r) ? 1 : 0;
      assertThat(same[i]).isEqualTo(i); // a view of records: row i is record i
      compare(fromRecords, i, e);
      assertThat(new long[] {fromRecords.addressHigh(i), fromRecords.addressLow(i)}).as(e.address())
          .containsExactly(w.addressHigh(r), w.addressLow(r));
    }
    return rows.length;
  }

  private void compare(WindowRows w, int r, WindowRecord e) {
    assertThat(w.address(r)).isEqualTo(e.address());
    assertThat(w.isOther(r)).isEqualTo(e.address().equals("other"));
    assertThat(new long[] {w.packets(r), w.bytes(r), w.flowsStarted(r), w.tcpSyn(r), w.udpPackets(r),
        w.icmpPackets(r), w.dnsQueries(r), w.dnsQueryBytes(r), w.icmpEchoRequests(r), w.probes(r),
        w.packetsReceived(r), w.tcpSynReceived(r), w.tcpSynAckReceived(r), w.tcpRstReceived(r),
        w.tcpAckReceived(r), w.udpReceived(r), w.icmpReceived(r), w.icmpErrorsReceived(r),
        w.icmpUnreachableReceived(r), w.icmpEchoRepliesReceived(r), w.dnsResponsesReceived(r),
        w.dnsResponseBytesReceived(r), w.distinctSources(r), w.distinctProbeAddresses(r),
        w.distinctProbePorts(r), w.distinctRespondents(r), w.topProbeTargetVotes(r), w.topProbePort(r),
        w.unansweredProbes(r), w.unansweredTargets(r), w.refusals(r)})
        .as(e.address()).containsExactly(e.packets(), e.bytes(), e.flowsStarted(), e.tcpSyn(),
            e.udpPackets(), e.icmpPackets(), e.dnsQueries(), e.dnsQueryBytes(), e.icmpEchoRequests(),
            e.probes(), e.packetsReceived(), e.tcpSynReceived(), e.tcpSynAckReceived(), e.tcpRstReceived(),
            e.tcpAckReceived(), e.udpReceived(), e.icmpReceived(), e.icmpErrorsReceived(),
            e.icmpUnreachableReceived(), e.icmpEchoRepliesReceived(), e.dnsResponsesReceived(),
            e.dnsResponseBytesReceived(), e.distinctSources(), e.distinctProbeAddresses(),
            e.distinctProbePorts(), e.distinctRespondents(), e.topProbeTargetVotes(), e.topProbePort(),
            e.unansweredProbes(), e.unansweredTargets(), e.refusals());
    assertThat(w.topProbeTarget(r)).isEqualTo(e.topProbeTarget());
    assertThat(w.topSource(r)).isEqualTo(e.topSource());
  }
}
