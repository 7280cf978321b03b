package io.netanal.report;

import io.netanal.flow.FlowRecord;
import io.netanal.frame.TimestampFormat;
import java.math.BigDecimal;
import java.util.List;

/**
 * One {@code netanal.flow/1} record as a line of JSON, written field by field into {@link JsonChars}: the
 * text Jackson's generator wrote for it (fields in the record's order, nulls written, {@code duration} as
 * {@link BigDecimal#toString()} writes the seconds, strings escaped as Jackson escapes them), at a fraction of its
 * cost. {@code flows --json} writes a record per flow, and the generator cost a third of the flow stage.
 *
 * <p>Keeps the source name it escaped last (every record of a file has the same), so one instance per writer,
 * used by one thread.
 */
final class FlowRecordJson {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** From this many nanoseconds up, {@link BigDecimal#toString()} of the seconds has no exponent. */
  private static final long PLAIN_FROM_NANOS = 1_000;

  private String source;
  private char[] sourceJson;

  /** Appends {@code f} as one JSON object, without a newline. */
  void append(FlowRecord f, JsonChars out) {
    out.raw("{\"source\":").append(source(f.source()));
    out.raw(",\"ts\":");
    timestamp(f.tsNanos(), out);
    out.raw(",\"lastTs\":");
    timestamp(f.lastTsNanos(), out);
    out.raw(",\"duration\":");
    seconds(f.durationNanos(), out);
    out.raw(",\"origAddress\":").string(f.origAddress());
    port(out.raw(",\"origPort\":"), f.origPort());
    out.raw(",\"respAddress\":").string(f.respAddress());
    port(out.raw(",\"respPort\":"), f.respPort());
    out.raw(",\"proto\":").string(f.proto());
    port(out.raw(",\"vlan\":"), f.vlan());
    out.raw(",\"service\":").string(f.service());
    out.raw(",\"origPackets\":").number(f.origPackets());
    out.raw(",\"respPackets\":").number(f.respPackets());
    out.raw(",\"origBytes\":").number(f.origBytes());
    out.raw(",\"respBytes\":").number(f.respBytes());
    out.raw(",\"origIpBytes\":").number(f.origIpBytes());
    out.raw(",\"respIpBytes\":").number(f.respIpBytes());
    out.raw(",\"state\":").string(f.state());
    out.raw(",\"history\":").string(f.history());
    out.raw(",\"end\":").string(f.end());
    out.raw(",\"communityId\":").string(f.communityId());
    out.raw(",\"rttMillis\":");
    if (f.rttMillis() == null) {
      out.nullValue();
    } else {
      out.raw(ReportJson.plain(f.rttMillis()));
    }
    out.raw(",\"origRetransmissions\":").number(f.origRetransmissions());
    out.raw(",\"respRetransmissions\":").number(f.respRetransmissions());
    dns(f.dns(), out.raw(",\"dns\":"));
    out.raw(",\"dnsMore\":").number(f.dnsMore());
    tls(f.tls(), out.raw(",\"tls\":"));
    http(f.http(), out.raw(",\"http\":"));
    out.append('}');
  }

  /** The {@code dns} array alone, as {@link #append} writes it. */
  static void dns(List<FlowRecord.Dns> dns, JsonChars out) {
    out.append('[');
    for (int i = 0; i < dns.size(); i++) {
      FlowRecord.Dns d = dns.get(i);
      out.raw(i == 0 ? "{\"query\":" : ",{\"query\":").string(d.query());
      out.raw(",\"qtype\":").number(d.qtype());
      port(out.raw(",\"rcode\":"), d.rcode());
      out.raw(",\"answers\":[");
      List<String> answers = d.answers();
      for (int a = 0; a < answers.size(); a++) {
        if (a > 0) {
          out.append(',');
        }
        out.string(answers.get(a));
      }
      out.raw("]}");
    }
    out.append(']');
  }

  /** The {@code tls} object alone (or null), as {@link #append} writes it. */
  static void tls(FlowRecord.Tls tls, JsonChars out) {
    if (tls == null) {
      out.nullValue();
      return;
    }
    out.raw("{\"sni\":").string(tls.sni());
    out.raw(",\"version\":").string(tls.version());
    out.raw(",\"alpn\":").string(tls.alpn());
    out.raw(",\"ja3\":").string(tls.ja3());
    out.append('}');
  }

  /** The {@code http} object alone (or null), as {@link #append} writes it. */
  static void http(FlowRecord.Http http, JsonChars out) {
    if (http == null) {
      out.nullValue();
      return;
    }
    out.raw("{\"method\":").string(http.method());
    out.raw(",\"host\":").string(http.host());
    out.raw(",\"uri\":").string(http.uri());
    out.raw(",\"status\":");
    if (http.status() == 0) {
      out.nullValue();
    } else {
      out.number(http.status());
    }
    out.raw(",\"userAgent\":").string(http.userAgent());
    out.append('}');
  }

  /** A timestamp as {@link TimestampFormat} writes it, quoted. */
  static void timestamp(long nanos, JsonChars out) {
    out.append('"');
    if (nanos < 0) {
      out.raw(TimestampFormat.format(nanos)); // before 1970: the sign applies to the whole value
    } else {
      long seconds = nanos / NANOS_PER_SECOND;
      out.number(seconds).append('.').digits((int) (nanos - seconds * NANOS_PER_SECOND), 9);
    }
    out.append('"');
  }

  /** Seconds with the fraction's trailing zeros dropped, as {@link BigDecimal#toString()} writes them. */
  static void seconds(long nanos, JsonChars out) {
    if (nanos < PLAIN_FROM_NANOS) {
      out.raw(decimalSeconds(nanos).toString()); // 0, or under a microsecond: written with an exponent
      return;
    }
    long seconds = nanos / NANOS_PER_SECOND;
    int fraction = (int) (nanos - seconds * NANOS_PER_SECOND);
    out.number(seconds);
    if (fraction == 0) {
      return;
    }
    int width = 9;
    while (fraction % 10 == 0) {
      fraction /= 10;
      width--;
    }
    out.append('.').digits(fraction, width);
  }

  /** What Jackson wrote for a duration: the seconds as a BigDecimal without trailing zeros, scale at least 0. */
  static BigDecimal decimalSeconds(long nanos) {
    BigDecimal s = BigDecimal.valueOf(Math.max(0, nanos), 9).stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  private char[] source(String name) {
    if (name != source || sourceJson == null) { // identity: every record of a file shares its source's String
      JsonChars text = new JsonChars(name == null ? 4 : name.length() + 8);
      text.string(name);
      source = name;
      sourceJson = text.toString().toCharArray();
    }
    return sourceJson;
  }

  /** A port-like number: null when negative (none). */
  private static void port(JsonChars out, int value) {
    if (value < 0) {
      out.nullValue();
    } else {
      out.number(value);
    }
  }
}
