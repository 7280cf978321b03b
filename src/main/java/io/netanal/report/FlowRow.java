package io.netanal.report;

import io.netanal.flow.FlowRecord;
import io.netanal.frame.TimestampFormat;
import java.math.BigDecimal;

/**
 * One flow as the report's {@code flows.top} and {@code export --table flows} give it: the {@code netanal.flow/1}
 * fields (without the application metadata, which the report's {@code names} summarise), values as JSON writes
 * them. Immutable; any thread.
 */
public record FlowRow(String source, String ts, String lastTs, double duration, String origAddress,
    Integer origPort, String respAddress, Integer respPort, String proto, Integer vlan, String service,
    long origPackets, long respPackets, long origBytes, long respBytes, long origIpBytes, long respIpBytes,
    String state, String history, String end, String communityId, Double rttMillis, long origRetransmissions,
    long respRetransmissions) {

  public static FlowRow of(FlowRecord f) {
    return new FlowRow(f.source(), TimestampFormat.format(f.tsNanos()), TimestampFormat.format(f.lastTsNanos()),
        BigDecimal.valueOf(Math.max(0, f.durationNanos()), 9).doubleValue(), f.origAddress(), port(f.origPort()),
        f.respAddress(), port(f.respPort()), f.proto(), port(f.vlan()), f.service(), f.origPackets(),
        f.respPackets(), f.origBytes(), f.respBytes(), f.origIpBytes(), f.respIpBytes(), f.state(), f.history(),
        f.end(), f.communityId(), f.rttMillis(), f.origRetransmissions(), f.respRetransmissions());
  }

  private static Integer port(int value) {
    return value < 0 ? null : value;
  }
}
