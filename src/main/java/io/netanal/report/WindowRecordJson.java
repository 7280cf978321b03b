package io.netanal.report;

import io.netanal.window.WindowRecord;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;

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
   * Every member with the value zero, one after the other ({@code ,"packets":0,"bytes":0,"packetsPerSecond":0.0}
   * ...; {@code 0.0} for doubles), and where each starts in it ({@code AT[i]}; {@code AT[n]} is the end): most
   * counts of most rows are zero (an address that only received has a zero in every sent field), and a run of zero
   * members is then one copy. The string members' places hold their names only; no run spans them.
   */
  private static final byte[] ZEROS;
  private static final int[] AT;
  private static final int NO_RUN = -1;

  static {
    RecordComponent[] components = WindowRecord.class.getRecordComponents();
    NAMES = new byte[components.length][];
    AT = new int[components.length + 1];
    ByteArrayOutputStream zeros = new ByteArrayOutputStream();
    for (int i = 0; i < components.length; i++) {
      NAMES[i] = JsonBytes.member(components[i].getName(), i == 0);
      Class<?> type = components[i].getType();
      AT[i] = zeros.size();
      zeros.writeBytes(NAMES[i]);
      if (type == double.class) {
        zeros.writeBytes("0.0".getBytes(StandardCharsets.US_ASCII));
      } else if (type == long.class || type == int.class) {
        zeros.writeBytes("0".getBytes(StandardCharsets.US_ASCII));
      }
    }
    AT[components.length] = zeros.size();
    ZEROS = zeros.toByteArray();
  }

  private WindowRecordJson() {}

  /**
   * Appends {@code r} as one JSON object, without a newline. The values follow the record's components in
   * declaration order, as {@link #NAMES} does (the Jackson comparison in the tests holds the two together).
   */
  static void append(WindowRecord r, JsonBytes b) {
    int i = 0;
    int run = NO_RUN; // the first of the zero members not written yet
    b.raw('{');
    b.raw(NAMES[i++]).sameString(0, r.schema()); // the same objects in every record of a window
    b.raw(NAMES[i++]).sameString(1, r.window());
    b.raw(NAMES[i++]).sameString(2, r.start());
    b.raw(NAMES[i++]).sameString(3, r.end());
    b.raw(NAMES[i++]).recentString(r.address());
    run = member(b, i++, r.packets(), run);
    run = member(b, i++, r.bytes(), run);
    run = member(b, i++, r.packetsPerSecond(), run);
    run = member(b, i++, r.bitsPerSecond(), run);
    run = member(b, i++, r.meanSize(), run);
    run = member(b, i++, r.stdSize(), run);
    run = member(b, i++, r.interArrivalMeanMillis(), run);
    run = member(b, i++, r.interArrivalStdMillis(), run);
    run = member(b, i++, r.distinctDstAddresses(), run);
    run = member(b, i++, r.distinctDstPorts(), run);
    run = member(b, i++, r.flowsStarted(), run);
    run = member(b, i++, r.flowsFailed(), run);
    run = member(b, i++, r.tcpSyn(), run);
    run = member(b, i++, r.tcpSynAck(), run);
    run = member(b, i++, r.tcpRst(), run);
    run = member(b, i++, r.tcpFin(), run);
    run = member(b, i++, r.udpPackets(), run);
    run = member(b, i++, r.icmpPackets(), run);
    run = member(b, i++, r.icmpUnreachable(), run);
    run = member(b, i++, r.dnsQueries(), run);
    run = member(b, i++, r.dnsResponses(), run);
    run = member(b, i++, r.dnsResponseBytes(), run);
    Double rtt = r.rttMeanMillis();
    run = flush(b, run, i);
    b.raw(NAMES[i++]);
    if (rtt == null) {
      b.string(null);
    } else {
      b.number(rtt.doubleValue());
    }
    run = member(b, i++, r.retransmissions(), run);
    run = member(b, i++, r.packetsReceived(), run);
    run = member(b, i++, r.bytesReceived(), run);
    run = member(b, i++, r.distinctSources(), run);
    run = member(b, i++, r.tcpSynReceived(), run);
    run = member(b, i++, r.tcpSynAckReceived(), run);
    run = member(b, i++, r.tcpRstReceived(), run);
    run = member(b, i++, r.tcpAckReceived(), run);
    run = member(b, i++, r.udpReceived(), run);
    run = member(b, i++, r.icmpReceived(), run);
    run = member(b, i++, r.icmpErrorsReceived(), run);
    run = member(b, i++, r.icmpUnreachableReceived(), run);
    run = member(b, i++, r.icmpEchoRepliesReceived(), run);
    run = member(b, i++, r.dnsResponsesReceived(), run);
    run = member(b, i++, r.dnsResponseBytesReceived(), run);
    run = member(b, i++, r.dnsQueryBytes(), run);
    run = member(b, i++, r.icmpEchoRequests(), run);
    run = member(b, i++, r.probes(), run);
    run = member(b, i++, r.distinctProbeAddresses(), run);
    run = member(b, i++, r.distinctProbePorts(), run);
    run = member(b, i++, r.distinctRespondents(), run);
    run = flush(b, run, i);
    b.raw(NAMES[i++]).recentString(r.topProbeTarget());
    run = member(b, i++, r.topProbeTargetVotes(), run);
    run = member(b, i++, r.topProbePort(), run);
    run = member(b, i++, r.topProbePortVotes(), run);
    run = flush(b, run, i);
    b.raw(NAMES[i++]).recentString(r.topSource());
    run = member(b, i++, r.topSourceVotes(), run);
    flush(b, run, i);
    if (i != NAMES.length) {
      throw new IllegalStateException("window record: " + i + " fields written (expected: " + NAMES.length + ")");
    }
    b.raw('}');
  }

  /** A long member: a zero joins the run of zero members before it, anything else ends the run and follows. */
  private static int member(JsonBytes b, int i, long v, int run) {
    if (v == 0) {
      return run == NO_RUN ? i : run;
    }
    flush(b, run, i);
    b.raw(NAMES[i]).number(v);
    return NO_RUN;
  }

  /** A double member; only a positive zero is {@code 0.0} in a run (a negative one keeps its sign). */
  private static int member(JsonBytes b, int i, double v, int run) {
    if (Double.doubleToRawLongBits(v) == 0) {
      return run == NO_RUN ? i : run;
    }
    flush(b, run, i);
    b.raw(NAMES[i]).number(v);
    return NO_RUN;
  }

  /** Writes the zero members from {@code run} up to {@code i} (exclusive), if any, as one copy. */
  private static int flush(JsonBytes b, int run, int i) {
    if (run != NO_RUN) {
      b.raw(ZEROS, AT[run], AT[i] - AT[run]);
    }
    return NO_RUN;
  }
}
