package io.netanal.report;

import io.netanal.window.WindowRecord;

/**
 * One {@code netanal.window/1} record as a line of JSON, written field by field into a {@link StringBuilder}:
 * the same text {@link ReportJson} writes for the record (fields in declaration order, nulls written, doubles as
 * plain decimals, strings escaped as Jackson does), at a fraction of its cost. {@code windows --json} writes
 * hundreds of thousands of records a run, and the generic writer's reflection and generator cost more than the
 * windows themselves. Stateless; any thread.
 */
final class WindowRecordJson {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private WindowRecordJson() {}

  /** Appends {@code r} as one JSON object, without a newline. */
  static void append(WindowRecord r, StringBuilder sb) {
    sb.append("{\"schema\":");
    stringValue(sb, r.schema());
    string(sb, "window", r.window());
    string(sb, "start", r.start());
    string(sb, "end", r.end());
    string(sb, "address", r.address());
    number(sb, "packets", r.packets());
    number(sb, "bytes", r.bytes());
    number(sb, "packetsPerSecond", r.packetsPerSecond());
    number(sb, "bitsPerSecond", r.bitsPerSecond());
    number(sb, "meanSize", r.meanSize());
    number(sb, "stdSize", r.stdSize());
    number(sb, "interArrivalMeanMillis", r.interArrivalMeanMillis());
    number(sb, "interArrivalStdMillis", r.interArrivalStdMillis());
    number(sb, "distinctDstAddresses", r.distinctDstAddresses());
    number(sb, "distinctDstPorts", r.distinctDstPorts());
    number(sb, "flowsStarted", r.flowsStarted());
    number(sb, "flowsFailed", r.flowsFailed());
    number(sb, "tcpSyn", r.tcpSyn());
    number(sb, "tcpSynAck", r.tcpSynAck());
    number(sb, "tcpRst", r.tcpRst());
    number(sb, "tcpFin", r.tcpFin());
    number(sb, "udpPackets", r.udpPackets());
    number(sb, "icmpPackets", r.icmpPackets());
    number(sb, "icmpUnreachable", r.icmpUnreachable());
    number(sb, "dnsQueries", r.dnsQueries());
    number(sb, "dnsResponses", r.dnsResponses());
    number(sb, "dnsResponseBytes", r.dnsResponseBytes());
    nullable(sb, "rttMeanMillis", r.rttMeanMillis());
    number(sb, "retransmissions", r.retransmissions());
    number(sb, "packetsReceived", r.packetsReceived());
    number(sb, "bytesReceived", r.bytesReceived());
    number(sb, "distinctSources", r.distinctSources());
    number(sb, "tcpSynReceived", r.tcpSynReceived());
    number(sb, "tcpSynAckReceived", r.tcpSynAckReceived());
    number(sb, "tcpRstReceived", r.tcpRstReceived());
    number(sb, "tcpAckReceived", r.tcpAckReceived());
    number(sb, "udpReceived", r.udpReceived());
    number(sb, "icmpReceived", r.icmpReceived());
    number(sb, "icmpErrorsReceived", r.icmpErrorsReceived());
    number(sb, "icmpUnreachableReceived", r.icmpUnreachableReceived());
    number(sb, "icmpEchoRepliesReceived", r.icmpEchoRepliesReceived());
    number(sb, "dnsResponsesReceived", r.dnsResponsesReceived());
    number(sb, "dnsResponseBytesReceived", r.dnsResponseBytesReceived());
    number(sb, "dnsQueryBytes", r.dnsQueryBytes());
    number(sb, "icmpEchoRequests", r.icmpEchoRequests());
    number(sb, "probes", r.probes());
    number(sb, "distinctProbeAddresses", r.distinctProbeAddresses());
    number(sb, "distinctProbePorts", r.distinctProbePorts());
    number(sb, "distinctRespondents", r.distinctRespondents());
    string(sb, "topProbeTarget", r.topProbeTarget());
    number(sb, "topProbeTargetVotes", r.topProbeTargetVotes());
    number(sb, "topProbePort", r.topProbePort());
    number(sb, "topProbePortVotes", r.topProbePortVotes());
    string(sb, "topSource", r.topSource());
    number(sb, "topSourceVotes", r.topSourceVotes());
    sb.append('}');
  }

  private static void name(StringBuilder sb, String name) {
    sb.append(",\"").append(name).append("\":");
  }

  private static void number(StringBuilder sb, String name, long value) {
    name(sb, name);
    sb.append(value);
  }

  private static void number(StringBuilder sb, String name, double value) {
    name(sb, name);
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      sb.append("null");
    } else {
      sb.append(ReportJson.plain(value));
    }
  }

  private static void nullable(StringBuilder sb, String name, Double value) {
    if (value == null) {
      name(sb, name);
      sb.append("null");
    } else {
      number(sb, name, value.doubleValue());
    }
  }

  private static void string(StringBuilder sb, String name, String value) {
    name(sb, name);
    stringValue(sb, value);
  }

  private static void stringValue(StringBuilder sb, String value) {
    if (value == null) {
      sb.append("null");
    } else {
      escaped(sb, value);
    }
  }

  /**
   * {@code s} as a JSON string, escaped as Jackson's default generator does (RFC 8259 section 7): quote and
   * backslash with a backslash, control characters as {@code \n}-style escapes or as <code>&#92;u00XX</code>,
   * everything else (non-ASCII too) as is.
   */
  static void escaped(StringBuilder sb, String s) {
    sb.append('"');
    int plain = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      sb.append(s, plain, i);
      plain = i + 1;
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    sb.append(s, plain, s.length()).append('"');
  }
}
