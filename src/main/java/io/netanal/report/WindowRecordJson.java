package io.netanal.report;

import io.netanal.window.WindowRecord;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One {@code netanal.window/1} record as a line of JSON, written field by field as UTF-8 bytes into a
 * {@link JsonBytes}: the same text {@link ReportJson} writes for the record (fields in declaration order, nulls
 * written, doubles as plain decimals, strings escaped as Jackson does), at a fraction of its cost. {@code windows
 * --json} writes hundreds of thousands of records a run, and the generic writer's reflection and generator cost
 * more than the windows themselves; so did building each line as chars for a {@code Writer} to encode again.
 * Stateless; any thread.
 */
final class WindowRecordJson {
  /** Each component's name as {@code ,"name":} (the first as <code>{"name":</code>), in declaration order. */
  private static final byte[][] NAMES;
  /**
   * Each component with the value zero ({@code ,"name":0}, and {@code ,"name":0.0} for doubles): most counts of
   * most rows are zero (the addresses that only received, or only sent), and one copy writes the member whole.
   */
  private static final byte[][] ZERO;

  static {
    RecordComponent[] components = WindowRecord.class.getRecordComponents();
    NAMES = new byte[components.length][];
    ZERO = new byte[components.length][];
    for (int i = 0; i < components.length; i++) {
      NAMES[i] = JsonBytes.member(components[i].getName(), i == 0);
      Class<?> type = components[i].getType();
      byte[] zero = (type == double.class || type == Double.class ? "0.0" : "0").getBytes(StandardCharsets.US_ASCII);
      ZERO[i] = Arrays.copyOf(NAMES[i], NAMES[i].length + zero.length);
      System.arraycopy(zero, 0, ZERO[i], NAMES[i].length, zero.length);
    }
  }

  private WindowRecordJson() {}

  /**
   * Appends {@code r} as one JSON object, without a newline. The values follow the record's components in
   * declaration order, as {@link #NAMES} does (the Jackson comparison in the tests holds the two together).
   */
  static void append(WindowRecord r, JsonBytes b) {
    int i = 0;
    b.raw('{');
    b.raw(NAMES[i++]).sameString(0, r.schema()); // the same objects in every record of a window
    b.raw(NAMES[i++]).sameString(1, r.window());
    b.raw(NAMES[i++]).sameString(2, r.start());
    b.raw(NAMES[i++]).sameString(3, r.end());
    b.raw(NAMES[i++]).recentString(r.address());
    member(b, i++, r.packets());
    member(b, i++, r.bytes());
    member(b, i++, r.packetsPerSecond());
    member(b, i++, r.bitsPerSecond());
    member(b, i++, r.meanSize());
    member(b, i++, r.stdSize());
    member(b, i++, r.interArrivalMeanMillis());
    member(b, i++, r.interArrivalStdMillis());
    member(b, i++, r.distinctDstAddresses());
    member(b, i++, r.distinctDstPorts());
    member(b, i++, r.flowsStarted());
    member(b, i++, r.flowsFailed());
    member(b, i++, r.tcpSyn());
    member(b, i++, r.tcpSynAck());
    member(b, i++, r.tcpRst());
    member(b, i++, r.tcpFin());
    member(b, i++, r.udpPackets());
    member(b, i++, r.icmpPackets());
    member(b, i++, r.icmpUnreachable());
    member(b, i++, r.dnsQueries());
    member(b, i++, r.dnsResponses());
    member(b, i++, r.dnsResponseBytes());
    Double rtt = r.rttMeanMillis();
    b.raw(NAMES[i++]);
    if (rtt == null) {
      b.string(null);
    } else {
      b.number(rtt.doubleValue());
    }
    member(b, i++, r.retransmissions());
    member(b, i++, r.packetsReceived());
    member(b, i++, r.bytesReceived());
    member(b, i++, r.distinctSources());
    member(b, i++, r.tcpSynReceived());
    member(b, i++, r.tcpSynAckReceived());
    member(b, i++, r.tcpRstReceived());
    member(b, i++, r.tcpAckReceived());
    member(b, i++, r.udpReceived());
    member(b, i++, r.icmpReceived());
    member(b, i++, r.icmpErrorsReceived());
    member(b, i++, r.icmpUnreachableReceived());
    member(b, i++, r.icmpEchoRepliesReceived());
    member(b, i++, r.dnsResponsesReceived());
    member(b, i++, r.dnsResponseBytesReceived());
    member(b, i++, r.dnsQueryBytes());
    member(b, i++, r.icmpEchoRequests());
    member(b, i++, r.probes());
    member(b, i++, r.distinctProbeAddresses());
    member(b, i++, r.distinctProbePorts());
    member(b, i++, r.distinctRespondents());
    b.raw(NAMES[i++]).recentString(r.topProbeTarget());
    member(b, i++, r.topProbeTargetVotes());
    member(b, i++, r.topProbePort());
    member(b, i++, r.topProbePortVotes());
    b.raw(NAMES[i++]).recentString(r.topSource());
    member(b, i++, r.topSourceVotes());
    if (i != NAMES.length) {
      throw new IllegalStateException("window record: " + i + " fields written (expected: " + NAMES.length + ")");
    }
    b.raw('}');
  }

  /** A long member: a zero as its prepared member, else the name and the number. */
  private static void member(JsonBytes b, int i, long v) {
    if (v == 0) {
      b.raw(ZERO[i]);
    } else {
      b.raw(NAMES[i]).number(v);
    }
  }

  /** A double member; only a positive zero is written as {@code 0.0} (a negative one keeps its sign). */
  private static void member(JsonBytes b, int i, double v) {
    if (Double.doubleToRawLongBits(v) == 0) {
      b.raw(ZERO[i]);
    } else {
      b.raw(NAMES[i]).number(v);
    }
  }
}
