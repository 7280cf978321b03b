package io.netanal.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.netanal.detect.Alert;
import io.netanal.detect.DetectionSummary;
import io.netanal.stats.Bandwidth;
import io.netanal.stats.Conversation;
import io.netanal.stats.DecodeProblems;
import io.netanal.stats.Endpoint;
import io.netanal.stats.ProtocolCount;
import io.netanal.stats.SizeBucket;
import io.netanal.stats.StatisticsSnapshot;
import io.netanal.stats.Summary;
import io.netanal.stats.TcpFlags;
import java.util.List;

/**
 * A whole {@code netanal.report/1} report (DESIGN.md section 2): the source, the statistics, and for live
 * captures the capture counters. The console tables, CSV tables, charts and the saved last report are views of
 * this one object; its component names are the JSON contract.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(String schema, Source source, Summary summary, CaptureCounters capture,
    List<ProtocolCount> protocols, List<Endpoint> endpoints, long endpointsTotal, long endpointsOmitted,
    List<Conversation> conversations, long conversationsTotal, long conversationsOmitted, Bandwidth bandwidth,
    List<SizeBucket> sizes, TcpFlags tcpFlags, DecodeProblems decode, FlowsSection flows, List<NameRow> names,
    DetectionSummary detection, List<Alert> alerts) {

  public static final String SCHEMA = "netanal.report/1";

  /** A report without flows and names (both null: left out of the JSON). */
  public Report(String schema, Source source, Summary summary, CaptureCounters capture,
      List<ProtocolCount> protocols, List<Endpoint> endpoints, long endpointsTotal, long endpointsOmitted,
      List<Conversation> conversations, long conversationsTotal, long conversationsOmitted, Bandwidth bandwidth,
      List<SizeBucket> sizes, TcpFlags tcpFlags, DecodeProblems decode) {
    this(schema, source, summary, capture, protocols, endpoints, endpointsTotal, endpointsOmitted, conversations,
        conversationsTotal, conversationsOmitted, bandwidth, sizes, tcpFlags, decode, null, null, null, null);
  }

  /** This report with {@code flows} and {@code names} (either may be null). */
  public Report withFlows(FlowsSection newFlows, List<NameRow> newNames) {
    return new Report(schema, source, summary, capture, protocols, endpoints, endpointsTotal, endpointsOmitted,
        conversations, conversationsTotal, conversationsOmitted, bandwidth, sizes, tcpFlags, decode, newFlows,
        newNames, detection, alerts);
  }

  /** This report with the windows' summary and the alerts of detection (DESIGN.md section 6). */
  public Report withDetection(DetectionSummary newDetection, List<Alert> newAlerts) {
    return new Report(schema, source, summary, capture, protocols, endpoints, endpointsTotal, endpointsOmitted,
        conversations, conversationsTotal, conversationsOmitted, bandwidth, sizes, tcpFlags, decode, flows, names,
        newDetection, List.copyOf(newAlerts));
  }

  /** A report of {@code statistics} from {@code source}; {@code capture} is null for files. */
  public static Report of(Source source, StatisticsSnapshot statistics, CaptureCounters capture) {
    return new Report(SCHEMA, source, statistics.summary(), capture, statistics.protocols(),
        statistics.endpoints(), statistics.endpointsTotal(), statistics.endpointsOmitted(),
        statistics.conversations(), statistics.conversationsTotal(), statistics.conversationsOmitted(),
        statistics.bandwidth(), statistics.sizes(), statistics.tcpFlags(), statistics.decode());
  }
}
