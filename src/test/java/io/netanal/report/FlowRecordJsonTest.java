package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netanal.flow.FlowRecord;
import io.netanal.frame.TimestampFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlowRecordJsonTest {
  private static final String[] STRINGS = {"10.0.0.1", "2001:db8::1", "example.test", "quote \" and \\ backslash",
      "controls \n\r\t\b\f \u0000 \u001f \u007f", "non-ASCII é ∑ 😀", "", "GET", "/a?b=c&d"};
  private static final long[] NANOS = {0, 1, 999, 1_000, 1_001, 100_000_000, 1_000_000_000, 1_500_000_000,
      120_000_000_001L, 3_600_000_000_000L, -5};
  private static final Double[] RTTS = {null, 0.0, 0.247, 1.0E-4, 12_000_000.0, 1.23456789E20, 86.69};

  @Test
  void shouldWriteWhatJacksonsGeneratorWroteForAnyRecord() throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 5_000; i++) {
      FlowRecord r = randomRecord(random);
      JsonBytes text = new JsonBytes(16);

      FlowRecordJson.append(r, text);

      assertThat(text(text)).isEqualTo(jackson(r));
    }
  }

  @Test
  void shouldWriteDurationsAsBigDecimalWritesTheSeconds() {
    for (long nanos : new long[] {0, 1, 10, 999, 1_000, 1_200, 71_765_000, 1_000_000_000, 1_000_000_001,
        36_894_544_946_000L, Long.MAX_VALUE, -1}) {
      JsonBytes text = new JsonBytes(16);

      FlowRecordJson.seconds(nanos, text);

      assertThat(text(text)).as("%d ns", nanos).isEqualTo(FlowRecordJson.decimalSeconds(nanos).toString());
    }
  }

  @Test
  void shouldWriteTimestampsAsTimestampFormatDoes() {
    for (long nanos : new long[] {0, 1, 1_700_000_000_123_456_789L, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
      JsonBytes text = new JsonBytes(16);

      FlowRecordJson.timestamp(nanos, text);

      assertThat(text(text)).isEqualTo("\"" + TimestampFormat.format(nanos) + "\"");
    }
  }

  @Test
  void shouldWriteTheSourceOfEachRecordWhenItChanges() {
    JsonBytes first = new JsonBytes(16);
    JsonBytes second = new JsonBytes(16);

    FlowRecordJson.append(record("a.pcap"), first);
    FlowRecordJson.append(record("b \"2\".pcap"), second);

    assertThat(text(first)).startsWith("{\"source\":\"a.pcap\",");
    assertThat(text(second)).startsWith("{\"source\":\"b \\\"2\\\".pcap\",");
  }

  private static String text(JsonBytes bytes) {
    return new String(bytes.array(), 0, bytes.length(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static FlowRecord record(String source) {
    return new FlowRecord(source, 1, 2, "10.0.0.1", 1, "10.0.0.2", 2, 17, -1, null, 1, 0, 0, 0, 28, 0, "S0", "D",
        "idle", "1:x=", null, 0, 0, List.of(), 0, null, null);
  }

  private static FlowRecord randomRecord(SplittableRandom random) {
    long ts = 1_700_000_000_000_000_000L + random.nextLong(1_000_000_000_000L);
    List<FlowRecord.Dns> dns = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      List<String> answers = new ArrayList<>();
      for (int a = random.nextInt(3); a > 0; a--) {
        answers.add(string(random));
      }
      dns.add(new FlowRecord.Dns(string(random), random.nextInt(256), random.nextInt(-1, 6), answers));
    }
    FlowRecord.Tls tls = random.nextBoolean() ? null
        : new FlowRecord.Tls(nullable(random), nullable(random), nullable(random), nullable(random));
    FlowRecord.Http http = random.nextBoolean() ? null : new FlowRecord.Http(nullable(random), nullable(random),
        nullable(random), random.nextBoolean() ? 0 : random.nextInt(100, 600), nullable(random));
    return new FlowRecord(string(random), ts, ts + NANOS[random.nextInt(NANOS.length)], string(random),
        random.nextInt(-1, 65536), nullable(random), random.nextInt(-1, 65536), random.nextInt(256),
        random.nextInt(-1, 4096), nullable(random), random.nextLong(1L << 40), random.nextLong(1L << 40),
        random.nextLong(1L << 40), random.nextLong(1L << 40), random.nextLong(1L << 40), random.nextLong(1L << 40),
        string(random), string(random), string(random), nullable(random), rtt(random),
        random.nextLong(1000), random.nextLong(1000), dns, random.nextInt(5), tls, http);
  }

  /** A listed value, or one as the flow table makes them (nanoseconds / 1e6). */
  private static Double rtt(SplittableRandom random) {
    return random.nextBoolean() ? RTTS[random.nextInt(RTTS.length)]
        : Double.valueOf(random.nextLong(10_000_000_000L) / 1e6);
  }

  private static String string(SplittableRandom random) {
    return STRINGS[random.nextInt(STRINGS.length)];
  }

  private static String nullable(SplittableRandom random) {
    return random.nextInt(4) == 0 ? null : string(random);
  }

  /** What the writer wrote through Jackson's generator before it wrote the text itself. */
  private static String jackson(FlowRecord f) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("source", f.source());
      g.writeStringField("ts", TimestampFormat.format(f.tsNanos()));
      g.writeStringField("lastTs", TimestampFormat.format(f.lastTsNanos()));
      g.writeFieldName("duration");
      g.writeNumber(FlowRecordJson.decimalSeconds(f.durationNanos()));
      g.writeStringField("origAddress", f.origAddress());
      port(g, "origPort", f.origPort());
      g.writeStringField("respAddress", f.respAddress());
      port(g, "respPort", f.respPort());
      g.writeStringField("proto", f.proto());
      port(g, "vlan", f.vlan());
      g.writeStringField("service", f.service());
      g.writeNumberField("origPackets", f.origPackets());
      g.writeNumberField("respPackets", f.respPackets());
      g.writeNumberField("origBytes", f.origBytes());
      g.writeNumberField("respBytes", f.respBytes());
      g.writeNumberField("origIpBytes", f.origIpBytes());
      g.writeNumberField("respIpBytes", f.respIpBytes());
      g.writeStringField("state", f.state());
      g.writeStringField("history", f.history());
      g.writeStringField("end", f.end());
      g.writeStringField("communityId", f.communityId());
      g.writeFieldName("rttMillis");
      if (f.rttMillis() == null) {
        g.writeNull();
      } else {
        g.writeNumber(ReportJson.plain(f.rttMillis()));
      }
      g.writeNumberField("origRetransmissions", f.origRetransmissions());
      g.writeNumberField("respRetransmissions", f.respRetransmissions());
      g.writeArrayFieldStart("dns");
      for (FlowRecord.Dns d : f.dns()) {
        g.writeStartObject();
        g.writeStringField("query", d.query());
        g.writeNumberField("qtype", d.qtype());
        port(g, "rcode", d.rcode());
        g.writeArrayFieldStart("answers");
        for (String a : d.answers()) {
          g.writeString(a);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("dnsMore", f.dnsMore());
      g.writeFieldName("tls");
      if (f.tls() == null) {
        g.writeNull();
      } else {
        g.writeStartObject();
        g.writeStringField("sni", f.tls().sni());
        g.writeStringField("version", f.tls().version());
        g.writeStringField("alpn", f.tls().alpn());
        g.writeStringField("ja3", f.tls().ja3());
        g.writeEndObject();
      }
      g.writeFieldName("http");
      if (f.http() == null) {
        g.writeNull();
      } else {
        g.writeStartObject();
        g.writeStringField("method", f.http().method());
        g.writeStringField("host", f.http().host());
        g.writeStringField("uri", f.http().uri());
        g.writeFieldName("status");
        if (f.http().status() == 0) {
          g.writeNull();
        } else {
          g.writeNumber(f.http().status());
        }
        g.writeStringField("userAgent", f.http().userAgent());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    return out.toString();
  }

  private static void port(JsonGenerator g, String name, int value) throws IOException {
    g.writeFieldName(name);
    if (value < 0) {
      g.writeNull();
    } else {
      g.writeNumber(value);
    }
  }
}
