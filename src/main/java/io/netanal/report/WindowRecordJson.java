package io.netanal.report;

import io.netanal.window.WindowRecord;
import java.lang.reflect.RecordComponent;

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

  static {
    RecordComponent[] components = WindowRecord.class.getRecordComponents();
    NAMES = new byte[components.length][];
    for (int i = 0; i < components.length; i++) {
      NAMES[i] = JsonBytes.member(components[i].getName(), i == 0);
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
    b.raw(NAMES[i++]).string(r.address());
    b.raw(NAMES[i++]).number(r.packets());
    b.raw(NAMES[i++]).number(r.bytes());
    b.raw(NAMES[i++]).number(r.packetsPerSecond());
    b.raw(NAMES[i++]).number(r.bitsPerSecond());
    b.raw(NAMES[i++]).number(r.meanSize());
    b.raw(NAMES[i++]).number(r.stdSize());
    b.raw(NAMES[i++]).number(r.interArrivalMeanMillis());
    b.raw(NAMES[i++]).number(r.interArrivalStdMillis());
    b.raw(NAMES[i++]).number(r.distinctDstAddresses());
    b.raw(NAMES[i++]).number(r.distinctDstPorts());
    b.raw(NAMES[i++]).number(r.flowsStarted());
    b.raw(NAMES[i++]).number(r.flowsFailed());
    b.raw(NAMES[i++]).number(r.tcpSyn());
    b.raw(NAMES[i++]).number(r.tcpSynAck());
    b.raw(NAMES[i++]).number(r.tcpRst());
    b.raw(NAMES[i++]).number(r.tcpFin());
    b.raw(NAMES[i++]).number(r.udpPackets());
    b.raw(NAMES[i++]).number(r.icmpPackets());
    b.raw(NAMES[i++]).number(r.icmpUnreachable());
    b.raw(NAMES[i++]).number(r.dnsQueries());
    b.raw(NAMES[i++]).number(r.dnsResponses());
    b.raw(NAMES[i++]).number(r.dnsResponseBytes());
    Double rtt = r.rttMeanMillis();
    b.raw(NAMES[i++]);
    if (rtt == null) {
      b.string(null);
    } else {
      b.number(rtt.doubleValue());
    }
    b.raw(NAMES[i++]).number(r.retransmissions());
    b.raw(NAMES[i++]).number(r.packetsReceived());
    b.raw(NAMES[i++]).number(r.bytesReceived());
    b.raw(NAMES[i++]).number(r.distinctSources());
    b.raw(NAMES[i++]).number(r.tcpSynReceived());
    b.raw(NAMES[i++]).number(r.tcpSynAckReceived());
    b.raw(NAMES[i++]).number(r.tcpRstReceived());
    b.raw(NAMES[i++]).number(r.tcpAckReceived());
    b.raw(NAMES[i++]).number(r.udpReceived());
    b.raw(NAMES[i++]).number(r.icmpReceived());
    b.raw(NAMES[i++]).number(r.icmpErrorsReceived());
    b.raw(NAMES[i++]).number(r.icmpUnreachableReceived());
    b.raw(NAMES[i++]).number(r.icmpEchoRepliesReceived());
    b.raw(NAMES[i++]).number(r.dnsResponsesReceived());
    b.raw(NAMES[i++]).number(r.dnsResponseBytesReceived());
    b.raw(NAMES[i++]).number(r.dnsQueryBytes());
    b.raw(NAMES[i++]).number(r.icmpEchoRequests());
    b.raw(NAMES[i++]).number(r.probes());
    b.raw(NAMES[i++]).number(r.distinctProbeAddresses());
    b.raw(NAMES[i++]).number(r.distinctProbePorts());
    b.raw(NAMES[i++]).number(r.distinctRespondents());
    b.raw(NAMES[i++]).string(r.topProbeTarget());
    b.raw(NAMES[i++]).number(r.topProbeTargetVotes());
    b.raw(NAMES[i++]).number(r.topProbePort());
    b.raw(NAMES[i++]).number(r.topProbePortVotes());
    b.raw(NAMES[i++]).string(r.topSource());
    b.raw(NAMES[i++]).number(r.topSourceVotes());
    if (i != NAMES.length) {
      throw new IllegalStateException("window record: " + i + " fields written (expected: " + NAMES.length + ")");
    }
    b.raw('}');
  }
}
