package io.netanal.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.netanal.flow.FlowListener;
import io.netanal.flow.FlowRecord;
import io.netanal.frame.TimestampFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes flow records as {@code netanal.flow/1}: one JSON object per line (JSON Lines) or one CSV row per flow under
 * a header of the same field names, as each flow ends, so nothing is held in memory.
 *
 * <p>Fields (DESIGN.md section 5): {@code source, ts, lastTs} (decimal epoch seconds, 9 digits), {@code duration}
 * (seconds), {@code origAddress, origPort, respAddress, respPort, proto, vlan, service, origPackets, respPackets,
 * origBytes, respBytes, origIpBytes, respIpBytes, state, history, end, communityId, rttMillis,
 * origRetransmissions, respRetransmissions, dns, dnsMore, tls, http}. Unknown values are {@code null} (JSON) or
 * empty (CSV); CSV gives {@code dns}, {@code tls} and {@code http} as their compact JSON.
 *
 * <p>Owned by one thread (the flow table's). Write errors surface as {@link UncheckedIOException}.
 */
public final class FlowRecordWriter implements FlowListener {
  public enum Format { JSON_LINES, CSV }

  static final List<String> FIELDS = List.of("source", "ts", "lastTs", "duration", "origAddress", "origPort",
      "respAddress", "respPort", "proto", "vlan", "service", "origPackets", "respPackets", "origBytes", "respBytes",
      "origIpBytes", "respIpBytes", "state", "history", "end", "communityId", "rttMillis", "origRetransmissions",
      "respRetransmissions", "dns", "dnsMore", "tls", "http");
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private final Writer out;
  private final Format format;
  private final CSVPrinter csv;
  /** JSON Lines: one generator for every line (a generator per record costs more than writing most records). */
  private final JsonGenerator lines;
  private long rows;

  public FlowRecordWriter(Writer out, Format format) {
    this.out = out;
    this.format = format;
    try {
      this.csv = format == Format.CSV
          ? new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(FIELDS.toArray(new String[0])).build())
          : null;
      this.lines = format == Format.JSON_LINES ? FACTORY.createGenerator(out).setRootValueSeparator(null) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long rows() {
    return rows;
  }

  @Override
  public void flowEnded(FlowRecord flow) {
    try {
      if (format == Format.CSV) {
        csvRow(flow);
      } else {
        write(lines, flow);
        lines.writeRaw('\n');
      }
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void flush() {
    try {
      if (lines != null) {
        lines.flush();
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One record as a compact JSON object (no newline). */
  public static void json(FlowRecord f, Writer out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, f);
    }
  }

  private static void write(JsonGenerator g, FlowRecord f) throws IOException {
    g.writeStartObject();
    g.writeStringField("source", f.source());
    g.writeStringField("ts", TimestampFormat.format(f.tsNanos()));
    g.writeStringField("lastTs", TimestampFormat.format(f.lastTsNanos()));
    g.writeFieldName("duration");
    g.writeNumber(seconds(f.durationNanos()));
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
    g.writeFieldName("dns");
    dns(g, f.dns());
    g.writeNumberField("dnsMore", f.dnsMore());
    g.writeFieldName("tls");
    tls(g, f.tls());
    g.writeFieldName("http");
    http(g, f.http());
    g.writeEndObject();
  }

  private void csvRow(FlowRecord f) throws IOException {
    csv.printRecord(f.source(), TimestampFormat.format(f.tsNanos()), TimestampFormat.format(f.lastTsNanos()),
        seconds(f.durationNanos()).toPlainString(), f.origAddress(), blank(f.origPort()), f.respAddress(),
        blank(f.respPort()), f.proto(), blank(f.vlan()), f.service(), f.origPackets(), f.respPackets(),
        f.origBytes(), f.respBytes(), f.origIpBytes(), f.respIpBytes(), f.state(), f.history(), f.end(),
        f.communityId(), f.rttMillis() == null ? null : ReportJson.plain(f.rttMillis()),
        f.origRetransmissions(), f.respRetransmissions(), f.dns().isEmpty() ? null : part(g -> dns(g, f.dns())),
        f.dnsMore(), f.tls() == null ? null : part(g -> tls(g, f.tls())),
        f.http() == null ? null : part(g -> http(g, f.http())));
  }

  private interface Part {
    void write(JsonGenerator g) throws IOException;
  }

  private static String part(Part part) throws IOException {
    java.io.StringWriter s = new java.io.StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(s)) {
      part.write(g);
    }
    return s.toString();
  }

  private static BigDecimal seconds(long nanos) {
    BigDecimal s = BigDecimal.valueOf(Math.max(0, nanos), 9).stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  private static Integer blank(int value) {
    return value < 0 ? null : value;
  }

  private static void port(JsonGenerator g, String name, int value) throws IOException {
    g.writeFieldName(name);
    if (value < 0) {
      g.writeNull();
    } else {
      g.writeNumber(value);
    }
  }

  private static void dns(JsonGenerator g, List<FlowRecord.Dns> dns) throws IOException {
    g.writeStartArray();
    for (FlowRecord.Dns d : dns) {
      g.writeStartObject();
      g.writeStringField("query", d.query());
      g.writeNumberField("qtype", d.qtype());
      g.writeFieldName("rcode");
      if (d.rcode() < 0) {
        g.writeNull();
      } else {
        g.writeNumber(d.rcode());
      }
      g.writeArrayFieldStart("answers");
      for (String a : d.answers()) {
        g.writeString(a);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void tls(JsonGenerator g, FlowRecord.Tls tls) throws IOException {
    if (tls == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("sni", tls.sni());
    g.writeStringField("version", tls.version());
    g.writeStringField("alpn", tls.alpn());
    g.writeStringField("ja3", tls.ja3());
    g.writeEndObject();
  }

  private static void http(JsonGenerator g, FlowRecord.Http http) throws IOException {
    if (http == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("method", http.method());
    g.writeStringField("host", http.host());
    g.writeStringField("uri", http.uri());
    g.writeFieldName("status");
    if (http.status() == 0) {
      g.writeNull();
    } else {
      g.writeNumber(http.status());
    }
    g.writeStringField("userAgent", http.userAgent());
    g.writeEndObject();
  }
}
