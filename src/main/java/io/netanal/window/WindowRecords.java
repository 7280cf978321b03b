package io.netanal.window;

import static io.netanal.window.TrafficTable.*;

/**
 * Builds a {@link WindowRecord} from one row of a closed window's {@link TrafficTable}. Off the per-packet path:
 * once per address and window. Stateless.
 */
final class WindowRecords {
  private static final String OTHER = "other";

  private WindowRecords() {}

  static WindowRecord of(TrafficTable t, int r, String window, String start, String end, double seconds,
      AddressNames names) {
    long packets = t.get(PACKETS, r);
    long bytes = t.get(BYTES, r);
    double mean = packets == 0 ? 0 : (double) bytes / packets;
    double std = packets == 0 ? 0 : Math.sqrt(Math.max(0, t.getDouble(SIZE_SQUARES, r) / packets - mean * mean));
    long gaps = t.get(GAPS, r);
    double gapMean = gaps == 0 ? 0 : t.getDouble(GAP_SUM, r) / gaps;
    double gapStd = gaps == 0 ? 0
        : Math.sqrt(Math.max(0, t.getDouble(GAP_SQUARES, r) / gaps - gapMean * gapMean));
    long rttCount = t.get(RTT_COUNT, r);
    long syn = t.get(TCP_SYN, r);
    long synAckReceived = t.get(R_SYN_ACK, r);
    boolean other = t.isOther(r);
    long portVotes = t.get(TOP_PORT_VOTES, r);
    long targetVotes = t.get(TOP_TARGET_VOTES, r);
    long sourceVotes = t.get(TOP_SOURCE_VOTES, r);
    return new WindowRecord(WindowRecord.SCHEMA, window, start, end,
        other ? OTHER : t.addressText(r, names),
        packets, bytes, round(packets / seconds), round(bytes * 8 / seconds), round(mean), round(std),
        round(gapMean / 1e6), round(gapStd / 1e6),
        t.distinctCount(DST_ADDRESSES, r), t.distinctCount(DST_PORTS, r),
        t.get(FLOWS, r), Math.max(0, syn - synAckReceived),
        syn, t.get(TCP_SYN_ACK, r), t.get(TCP_RST, r), t.get(TCP_FIN, r), t.get(UDP, r),
        t.get(ICMP, r), t.get(ICMP_UNREACHABLE, r), t.get(DNS_QUERIES, r), t.get(DNS_RESPONSES, r),
        t.get(DNS_RESPONSE_BYTES, r),
        rttCount == 0 ? null : round(t.getDouble(RTT_SUM, r) / rttCount), t.get(RETRANSMISSIONS, r),
        t.get(R_PACKETS, r), t.get(R_BYTES, r), t.distinctCount(SOURCES, r), t.get(R_SYN, r), synAckReceived,
        t.get(R_RST, r), t.get(R_ACK, r), t.get(R_UDP, r), t.get(R_ICMP, r), t.get(R_ICMP_ERRORS, r), t.get(R_ICMP_UNREACHABLE, r),
        t.get(R_ICMP_ECHO_REPLY, r), t.get(R_DNS_RESPONSES, r), t.get(R_DNS_RESPONSE_BYTES, r),
        t.get(DNS_QUERY_BYTES, r), t.get(ICMP_ECHO, r), t.get(PROBES, r),
        t.distinctCount(PROBE_ADDRESSES, r), t.distinctCount(PROBE_PORTS, r), t.distinctCount(RESPONDENTS, r),
        targetVotes == 0 ? null : names.format(t.get(TOP_TARGET_HIGH, r), t.get(TOP_TARGET_LOW, r)),
        targetVotes, portVotes == 0 ? -1 : (int) t.get(TOP_PORT, r), portVotes,
        sourceVotes == 0 ? null : names.format(t.get(TOP_SOURCE_HIGH, r), t.get(TOP_SOURCE_LOW, r)),
        sourceVotes);
  }

  /** Three decimals: enough for rates and milliseconds, and stable text in JSON and CSV. */
  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
