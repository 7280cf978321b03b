package io.netanal.term;

import io.netanal.report.CaptureCounters;
import io.netanal.report.Report;
import io.netanal.report.Source;
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

/** Hand-built reports for the renderer's tests: values chosen so every formatted number is known. */
final class SampleReports {
  private SampleReports() {}

  static final String LONG_IPV6 = "2001:db8:85a3:1234:5678:8a2e:370:7334";

  /** A file report of 123,456 packets over 120.5 s, with bandwidth bytes 0, 1000, ..., 8000 per 1 s interval. */
  static Report file() {
    Source source = new Source("file", "traffic.pcapng", "pcapng", List.of("EN10MB"), 262144, null);
    Summary summary = new Summary(123_456, 98_765_432, 98_000_000, "1700000000.123456000",
        "1700000120.623456000", 120.5, 1024.5, 6_556_999.5);
    List<ProtocolCount> protocols = List.of(
        new ProtocolCount("eth", "link", 123_456, 98_765_432),
        new ProtocolCount("tcp", "transport", 100_000, 90_000_000),
        new ProtocolCount("ip", "network", 120_000, 97_000_000),
        new ProtocolCount("ipv6", "network", 3_000, 1_500_000),
        new ProtocolCount("udp", "transport", 23_000, 7_000_000),
        new ProtocolCount("tls", "application", 60_000, 70_000_000),
        new ProtocolCount("dns", "application", 12_000, 1_536),
        new ProtocolCount("arp", "network", 456, 27_360));
    List<Endpoint> endpoints = List.of(
        new Endpoint("192.168.1.10", 61_000, 59_000, 20_000_000, 75_000_000),
        new Endpoint("203.0.113.5", 40_000, 35_000, 60_000_000, 9_000_000),
        new Endpoint(LONG_IPV6, 1_500, 1_500, 750_000, 750_000));
    List<Conversation> conversations = List.of(
        new Conversation("192.168.1.10", "203.0.113.5", 35_000, 40_000, 9_000_000, 60_000_000,
            "1700000000.123456000", "1700000100.123456000"),
        new Conversation("192.168.1.10", "198.51.100.77", 20_000, 15_000, 8_000_000, 12_000_000,
            "1700000010.000000000", "1700000012.500000000"),
        new Conversation("2001:db8::1", LONG_IPV6, 1_500, 1_500, 750_000, 750_000,
            "1700000000.500000000", "1700000001.000000000"));
    List<BandwidthSample> samples = new ArrayList<>();
    for (int i = 0; i <= 8; i++) {
      samples.add(new BandwidthSample(i, i * 10L, i * 1000L));
    }
    Bandwidth bandwidth = new Bandwidth(1.0, "1700000000.000000000", samples);
    List<SizeBucket> sizes = List.of(new SizeBucket("0-19", 0), new SizeBucket("20-39", 0),
        new SizeBucket("40-79", 40_000), new SizeBucket("80-159", 10_000), new SizeBucket("160-319", 5_000),
        new SizeBucket("320-639", 3_000), new SizeBucket("640-1279", 5_456), new SizeBucket("1280-2559", 60_000),
        new SizeBucket("2560-5119", 0), new SizeBucket("5120+", 0));
    TcpFlags flags = new TcpFlags(1_200, 1_150, 1_100, 42, 30_000, 99_000, 0, 0, 0);
    Map<String, Long> reasons = new LinkedHashMap<>();
    reasons.put("malformed", 2L);
    reasons.put("truncated", 10L);
    DecodeProblems decode = new DecodeProblems(12, reasons,
        List.of(new DecodeExample(17, "truncated"), new DecodeExample(230, "malformed")));
    return new Report(Report.SCHEMA, source, summary, null, protocols, endpoints, 45, 42, conversations, 3, 0,
        bandwidth, sizes, flags, decode);
  }

  /** The file report as a live capture with kernel drops. */
  static Report live() {
    Report f = file();
    Source source = new Source("live", "eth0", null, List.of("EN10MB"), 262144, "tcp port 443");
    return new Report(f.schema(), source, f.summary(), new CaptureCounters(123_456, 0, 12, 0), f.protocols(),
        f.endpoints(), f.endpointsTotal(), f.endpointsOmitted(), f.conversations(), f.conversationsTotal(),
        f.conversationsOmitted(), f.bandwidth(), f.sizes(), f.tcpFlags(), f.decode());
  }

  /** A file with no packets at all. */
  static Report empty() {
    Source source = new Source("file", "empty.pcap", "pcap", List.of("EN10MB"), 65535, null);
    Summary summary = new Summary(0, 0, 0, null, null, 0, 0, 0);
    return new Report(Report.SCHEMA, source, summary, null, List.of(), List.of(), 0, 0, List.of(), 0, 0,
        new Bandwidth(1.0, null, List.of()), List.of(), new TcpFlags(0, 0, 0, 0, 0, 0, 0, 0, 0),
        new DecodeProblems(0, Map.of(), List.of()));
  }

  /** Only ARP: protocols but no IP endpoints. */
  static Report arpOnly() {
    Source source = new Source("file", "arp.pcap", "pcap", List.of("EN10MB"), 65535, null);
    Summary summary = new Summary(10, 600, 600, "1700000000.000000000", "1700000009.000000000", 9, 1.1, 533.3);
    return new Report(Report.SCHEMA, source, summary, null,
        List.of(new ProtocolCount("eth", "link", 10, 600), new ProtocolCount("arp", "network", 10, 600)),
        List.of(), 0, 0, List.of(), 0, 0, null, List.of(new SizeBucket("40-79", 10)), null, null);
  }
}
