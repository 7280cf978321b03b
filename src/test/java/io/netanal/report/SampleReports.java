package io.netanal.report;

import io.netanal.stats.Bandwidth;
import io.netanal.stats.BandwidthSample;
import io.netanal.stats.Conversation;
import io.netanal.stats.DecodeExample;
import io.netanal.stats.DecodeProblems;
import io.netanal.stats.Endpoint;
import io.netanal.stats.ProtocolCount;
import io.netanal.stats.SizeBucket;
import io.netanal.stats.Summary;
import io.netanal.stats.TcpFlags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built reports with every field set, for the report and chart tests. */
public final class SampleReports {
  private SampleReports() {}

  /** A file report of a made-up 60-second web capture; {@code name} is the source file name. */
  public static Report fileReport(String name) {
    Source source = new Source("file", name, "pcapng", List.of("EN10MB", "LINUX_SLL"), 262144, null);
    Summary summary = new Summary(1200, 1_500_000, 1_400_000, "1700000000.123456789", "1700000059.999999999",
        59.87654321, 20.04, 200_000.5);
    List<ProtocolCount> protocols = List.of(
        new ProtocolCount("eth", "link", 1150, 1_450_000),
        new ProtocolCount("sll", "link", 50, 50_000),
        new ProtocolCount("ip", "network", 1000, 1_300_000),
        new ProtocolCount("ipv6", "network", 150, 150_000),
        new ProtocolCount("arp", "network", 50, 3_000),
        new ProtocolCount("tcp", "transport", 900, 1_250_000),
        new ProtocolCount("udp", "transport", 250, 200_000),
        new ProtocolCount("tls", "application", 600, 1_000_000),
        new ProtocolCount("http", "application", 100, 120_000),
        new ProtocolCount("dns", "application", 200, 30_000));
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      endpoints.add(new Endpoint("10.0.0." + (i + 1), 300 - 20 * i, 250 - 20 * i, 400_000 - 30_000 * i,
          90_000 + 5_000 * i));
    }
    endpoints.add(new Endpoint("2001:db8::1", 5, 4, 600, 500));
    List<Conversation> conversations = List.of(
        new Conversation("10.0.0.1", "10.0.0.2", 300, 250, 400_000, 90_000, "1700000000.123456789",
            "1700000059.999999999"),
        new Conversation("2001:db8::1", "2001:db8::2", 5, 4, 600, 500, "1700000001.000000000",
            "1700000002.500000000"));
    List<BandwidthSample> samples = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      long packets = 10 + (i % 10) * 2 + (i > 30 && i < 40 ? 30 : 0);
      samples.add(new BandwidthSample(i, packets, packets * (i < 20 ? 1400 : 300)));
    }
    Bandwidth bandwidth = new Bandwidth(1.0, "1700000000.000000000", samples);
    List<SizeBucket> sizes = List.of(new SizeBucket("0-19", 0), new SizeBucket("20-39", 0),
        new SizeBucket("40-79", 400), new SizeBucket("80-159", 150), new SizeBucket("160-319", 50),
        new SizeBucket("320-639", 40), new SizeBucket("640-1279", 60), new SizeBucket("1280-2559", 500),
        new SizeBucket("2560-5119", 0), new SizeBucket("5120+", 0));
    TcpFlags flags = new TcpFlags(20, 19, 18, 2, 300, 880, 0, 1, 1);
    Map<String, Long> reasons = new LinkedHashMap<>();
    reasons.put("truncated", 3L);
    reasons.put("malformed", 1L);
    DecodeProblems decode = new DecodeProblems(4, reasons,
        List.of(new DecodeExample(17, "truncated"), new DecodeExample(99, "malformed")));
    return new Report(Report.SCHEMA, source, summary, null, protocols, endpoints, 40, 27, conversations, 2, 0,
        bandwidth, sizes, flags, decode);
  }

  /** The same data as a live capture, with capture counters and a filter. */
  public static Report liveReport() {
    Report r = fileReport("eth0");
    Source live = new Source("live", "eth0", null, List.of("EN10MB"), 65535, "tcp port 443");
    return new Report(r.schema(), live, r.summary(), new CaptureCounters(1210, 5, 3, 2), r.protocols(),
        r.endpoints(), r.endpointsTotal(), r.endpointsOmitted(), r.conversations(), r.conversationsTotal(),
        r.conversationsOmitted(), r.bandwidth(), r.sizes(), r.tcpFlags(), r.decode());
  }
}
