package io.netanal.store;

import io.netanal.report.Report;
import java.util.List;

/**
 * Everything one uploaded capture adds to the store, written in one transaction: who sent it and under which
 * idempotency key, the report of the file, and its rows per window, flows and alerts.
 *
 * <p>The flow and alert lists are empty until the flow table and the detectors feed the collector; the store
 * already keeps them, so adding a producer changes no schema.
 */
public record IngestResult(String sensor, String key, long sizeBytes, Report report, Long firstNanos,
    Long lastNanos, List<TrafficWindowRow> traffic, List<SourceWindowRow> sources,
    List<ProtocolWindowRow> protocols, List<FlowRow> flows, List<AlertRow> alerts) {
  public IngestResult {
    traffic = List.copyOf(traffic);
    sources = List.copyOf(sources);
    protocols = List.copyOf(protocols);
    flows = List.copyOf(flows);
    alerts = List.copyOf(alerts);
  }

  /** Rows over every window size, for the ingest answer's {@code windows}. */
  public int windowRows() {
    return traffic.size() + sources.size() + protocols.size();
  }
}
