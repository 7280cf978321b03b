package io.netanal.store;

import io.netanal.report.Report;
import java.util.List;

/**
 * Everything one uploaded capture adds to the store, written in one transaction: who sent it and under which
 * idempotency key, the report of the file, and its rows per window, flows and alerts, and the window features
 * (and their alerts) that closed while it was fed to the collector's detection state.
 *
 * <p>{@code flows} holds at most the producer's cap of records (memory per request is bounded);
 * {@code flowsOmitted} counts the records of the file beyond it, which are not stored. {@code latePackets}:
 * the file's packets that came after their window had closed in the sensor's detection state (reported, not
 * detected on; their packets and bytes are in the window rows all the same).
 */
public record IngestResult(String sensor, String key, long sizeBytes, Report report, Long firstNanos,
    Long lastNanos, List<TrafficWindowRow> traffic, List<SourceWindowRow> sources,
    List<ProtocolWindowRow> protocols, List<FlowRow> flows, long flowsOmitted, List<AlertRow> alerts,
    List<FeatureRow> features, long latePackets) {
  public IngestResult {
    traffic = List.copyOf(traffic);
    sources = List.copyOf(sources);
    protocols = List.copyOf(protocols);
    flows = List.copyOf(flows);
    alerts = List.copyOf(alerts);
    features = List.copyOf(features);
  }

  /** A result without window features. */
  public IngestResult(String sensor, String key, long sizeBytes, Report report, Long firstNanos, Long lastNanos,
      List<TrafficWindowRow> traffic, List<SourceWindowRow> sources, List<ProtocolWindowRow> protocols,
      List<FlowRow> flows, long flowsOmitted, List<AlertRow> alerts) {
    this(sensor, key, sizeBytes, report, firstNanos, lastNanos, traffic, sources, protocols, flows, flowsOmitted,
        alerts, List.of(), 0);
  }

  /** This result with the features and alerts the detection state produced while it was fed. */
  public IngestResult withDetection(List<FeatureRow> features, List<AlertRow> alerts, long latePackets) {
    return new IngestResult(sensor, key, sizeBytes, report, firstNanos, lastNanos, traffic, sources, protocols,
        flows, flowsOmitted, alerts, features, latePackets);
  }

  /** A result whose every flow record is in {@code flows}. */
  public IngestResult(String sensor, String key, long sizeBytes, Report report, Long firstNanos, Long lastNanos,
      List<TrafficWindowRow> traffic, List<SourceWindowRow> sources, List<ProtocolWindowRow> protocols,
      List<FlowRow> flows, List<AlertRow> alerts) {
    this(sensor, key, sizeBytes, report, firstNanos, lastNanos, traffic, sources, protocols, flows, 0, alerts);
  }

  /** Rows over every window size, for the ingest answer's {@code windows}. */
  public int windowRows() {
    return traffic.size() + sources.size() + protocols.size();
  }
}
