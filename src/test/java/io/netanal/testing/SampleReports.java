package io.netanal.testing;

import io.netanal.report.CaptureCounters;
import io.netanal.report.SpoolCounters;
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

/** Hand-built reports with every field set, for the report, chart, terminal and cli tests. */
public final class SampleReports {
  private static final String[] SIZE_LABELS = {"0-19", "20-39", "40-79", "80-159", "160-319", "320-639",
      "640-1279", "1280-2559", "2560-5119", "5120+"};

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
    List<SizeBucket> sizes = sizes(0, 0, 400, 150, 50, 40, 60, 500, 0, 0);
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
    return asLive(fileReport("eth0"), new Source("live", "eth0", null, List.of("EN10MB"), 65535, "tcp port 443"),
        new CaptureCounters(1210, 5, 3, 2));
  }

  public static final String LONG_IPV6 = "2001:db8:85a3:1234:5678:8a2e:370:7334";

  /** For the terminal renderer, values chosen so every formatted number is known: a file report of 123,456 packets over 120.5 s, with bandwidth bytes 0, 1000, ..., 8000 per 1 s interval. */
  public static Report renderedFile() {
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
    List<SizeBucket> sizes = sizes(0, 0, 40_000, 10_000, 5_000, 3_000, 5_456, 60_000, 0, 0);
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
  public static Report renderedLive() {
    return asLive(renderedFile(), new Source("live", "eth0", null, List.of("EN10MB"), 262144, "tcp port 443"),
        new CaptureCounters(123_456, 0, 12, 0));
  }

  /** {@link #renderedLive} of a capture with {@code --spool}. */
  public static Report renderedSpooling() {
    return asLive(renderedFile(), new Source("live", "eth0", null, List.of("EN10MB"), 262144, "tcp port 443"),
        new CaptureCounters(123_456, 0, 12, 0, new SpoolCounters("/var/spool/netanal", 25, 98_000_000, 123_000, 2,
            7_800_000, 9_000, 456, 1, 0)));
  }

  /** A file with no packets at all. */
  public static Report emptyFile() {
    Source source = new Source("file", "empty.pcap", "pcap", List.of("EN10MB"), 65535, null);
    Summary summary = new Summary(0, 0, 0, null, null, 0, 0, 0);
    return new Report(Report.SCHEMA, source, summary, null, List.of(), List.of(), 0, 0, List.of(), 0, 0,
        new Bandwidth(1.0, null, List.of()), List.of(), new TcpFlags(0, 0, 0, 0, 0, 0, 0, 0, 0),
        new DecodeProblems(0, Map.of(), List.of()));
  }

  /** Only ARP: protocols but no IP endpoints. */
  public static Report arpOnlyFile() {
    Source source = new Source("file", "arp.pcap", "pcap", List.of("EN10MB"), 65535, null);
    Summary summary = new Summary(10, 600, 600, "1700000000.000000000", "1700000009.000000000", 9, 1.1, 533.3);
    return new Report(Report.SCHEMA, source, summary, null,
        List.of(new ProtocolCount("eth", "link", 10, 600), new ProtocolCount("arp", "network", 10, 600)),
        List.of(), 0, 0, List.of(), 0, 0, null, List.of(new SizeBucket("40-79", 10)), null, null);
  }

  /** {@code report}'s data as a live capture from {@code source} with {@code counters}. */
  private static Report asLive(Report report, Source source, CaptureCounters counters) {
    return new Report(report.schema(), source, report.summary(), counters, report.protocols(), report.endpoints(),
        report.endpointsTotal(), report.endpointsOmitted(), report.conversations(), report.conversationsTotal(),
        report.conversationsOmitted(), report.bandwidth(), report.sizes(), report.tcpFlags(), report.decode());
  }

  /** The ten size buckets of the report, in order, with these packet counts. */
  private static List<SizeBucket> sizes(long... packets) {
    List<SizeBucket> sizes = new ArrayList<>();
    for (int i = 0; i < SIZE_LABELS.length; i++) {
      sizes.add(new SizeBucket(SIZE_LABELS[i], packets[i]));
    }
    return List.copyOf(sizes);
  }
}
