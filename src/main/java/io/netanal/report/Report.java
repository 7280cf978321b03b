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
 * this one object; its component names are the JSON contract. {@code detection} and {@code alerts} (DESIGN.md
 * section 6) are null when the report was made without windows and detection.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(String schema, Source source, Summary summary, CaptureCounters capture,
    List<ProtocolCount> protocols, List<Endpoint> endpoints, long endpointsTotal, long endpointsOmitted,
    List<Conversation> conversations, long conversationsTotal, long conversationsOmitted, Bandwidth bandwidth,
    List<SizeBucket> sizes, TcpFlags tcpFlags, DecodeProblems decode, DetectionSummary detection,
    List<Alert> alerts) {

  public static final String SCHEMA = "netanal.report/1";

  /** A report without detection (the components before {@code detection}). */
  public Report(String schema, Source source, Summary summary, CaptureCounters capture,
      List<ProtocolCount> protocols, List<Endpoint> endpoints, long endpointsTotal, long endpointsOmitted,
      List<Conversation> conversations, long conversationsTotal, long conversationsOmitted, Bandwidth bandwidth,
      List<SizeBucket> sizes, TcpFlags tcpFlags, DecodeProblems decode) {
    this(schema, source, summary, capture, protocols, endpoints, endpointsTotal, endpointsOmitted, conversations,
        conversationsTotal, conversationsOmitted, bandwidth, sizes, tcpFlags, decode, null, null);
  }

  /** This report with the windows' summary and the alerts of detection. */
  public Report withDetection(DetectionSummary detection, List<Alert> alerts) {
    return new Report(schema, source, summary, capture, protocols, endpoints, endpointsTotal, endpointsOmitted,
        conversations, conversationsTotal, conversationsOmitted, bandwidth, sizes, tcpFlags, decode, detection,
        List.copyOf(alerts));
  }

  /** A report of {@code statistics} from {@code source}; {@code capture} is null for files. */
  public static Report of(Source source, StatisticsSnapshot statistics, CaptureCounters capture) {
    return new Report(SCHEMA, source, statistics.summary(), capture, statistics.protocols(),
        statistics.endpoints(), statistics.endpointsTotal(), statistics.endpointsOmitted(),
        statistics.conversations(), statistics.conversationsTotal(), statistics.conversationsOmitted(),
        statistics.bandwidth(), statistics.sizes(), statistics.tcpFlags(), statistics.decode());
  }
}
