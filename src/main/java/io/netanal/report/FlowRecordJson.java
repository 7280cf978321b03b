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

  // Field names with their punctuation, as chars: copied into each record, where a String would be inflated.
  private static final char[] SOURCE = "{\"source\":".toCharArray();
  private static final char[] TS = ",\"ts\":".toCharArray();
  private static final char[] LAST_TS = ",\"lastTs\":".toCharArray();
  private static final char[] DURATION = ",\"duration\":".toCharArray();
  private static final char[] ORIG_ADDRESS = ",\"origAddress\":".toCharArray();
  private static final char[] ORIG_PORT = ",\"origPort\":".toCharArray();
  private static final char[] RESP_ADDRESS = ",\"respAddress\":".toCharArray();
  private static final char[] RESP_PORT = ",\"respPort\":".toCharArray();
  private static final char[] PROTO = ",\"proto\":".toCharArray();
  private static final char[] VLAN = ",\"vlan\":".toCharArray();
  private static final char[] SERVICE = ",\"service\":".toCharArray();
  private static final char[] ORIG_PACKETS = ",\"origPackets\":".toCharArray();
  private static final char[] RESP_PACKETS = ",\"respPackets\":".toCharArray();
  private static final char[] ORIG_BYTES = ",\"origBytes\":".toCharArray();
  private static final char[] RESP_BYTES = ",\"respBytes\":".toCharArray();
  private static final char[] ORIG_IP_BYTES = ",\"origIpBytes\":".toCharArray();
  private static final char[] RESP_IP_BYTES = ",\"respIpBytes\":".toCharArray();
  private static final char[] STATE = ",\"state\":".toCharArray();
  private static final char[] HISTORY = ",\"history\":".toCharArray();
  private static final char[] END = ",\"end\":".toCharArray();
  private static final char[] COMMUNITY_ID = ",\"communityId\":".toCharArray();
  private static final char[] RTT_MILLIS = ",\"rttMillis\":".toCharArray();
  private static final char[] ORIG_RETRANSMISSIONS = ",\"origRetransmissions\":".toCharArray();
  private static final char[] RESP_RETRANSMISSIONS = ",\"respRetransmissions\":".toCharArray();
  private static final char[] DNS = ",\"dns\":".toCharArray();
  private static final char[] DNS_MORE = ",\"dnsMore\":".toCharArray();
  private static final char[] TLS = ",\"tls\":".toCharArray();
  private static final char[] HTTP = ",\"http\":".toCharArray();
  private static final char[] FIRST_QUERY = "{\"query\":".toCharArray();
  private static final char[] QUERY = ",{\"query\":".toCharArray();
  private static final char[] QTYPE = ",\"qtype\":".toCharArray();
  private static final char[] RCODE = ",\"rcode\":".toCharArray();
  private static final char[] ANSWERS_ARRAY = ",\"answers\":[".toCharArray();
  private static final char[] ANSWERS_END = "]}".toCharArray();
  private static final char[] FIRST_SNI = "{\"sni\":".toCharArray();
  private static final char[] VERSION = ",\"version\":".toCharArray();
  private static final char[] ALPN = ",\"alpn\":".toCharArray();
  private static final char[] JA3 = ",\"ja3\":".toCharArray();
  private static final char[] FIRST_METHOD = "{\"method\":".toCharArray();
  private static final char[] HOST = ",\"host\":".toCharArray();
  private static final char[] URI = ",\"uri\":".toCharArray();
  private static final char[] STATUS = ",\"status\":".toCharArray();
  private static final char[] USER_AGENT = ",\"userAgent\":".toCharArray();

  private String source;
  private char[] sourceJson;

  /** Appends {@code f} as one JSON object, without a newline. */
  void append(FlowRecord f, JsonChars out) {
    out.append(SOURCE).append(source(f.source()));
    out.append(TS);
    timestamp(f.tsNanos(), out);
    out.append(LAST_TS);
    timestamp(f.lastTsNanos(), out);
    out.append(DURATION);
    seconds(f.durationNanos(), out);
    out.append(ORIG_ADDRESS).string(f.origAddress());
    port(out.append(ORIG_PORT), f.origPort());
    out.append(RESP_ADDRESS).string(f.respAddress());
    port(out.append(RESP_PORT), f.respPort());
    out.append(PROTO).string(f.proto());
    port(out.append(VLAN), f.vlan());
    out.append(SERVICE).string(f.service());
    out.append(ORIG_PACKETS).number(f.origPackets());
    out.append(RESP_PACKETS).number(f.respPackets());
    out.append(ORIG_BYTES).number(f.origBytes());
    out.append(RESP_BYTES).number(f.respBytes());
    out.append(ORIG_IP_BYTES).number(f.origIpBytes());
    out.append(RESP_IP_BYTES).number(f.respIpBytes());
    out.append(STATE).string(f.state());
    out.append(HISTORY).string(f.history());
    out.append(END).string(f.end());
    out.append(COMMUNITY_ID).string(f.communityId());
    out.append(RTT_MILLIS);
    if (f.rttMillis() == null) {
      out.nullValue();
    } else {
      out.raw(ReportJson.plain(f.rttMillis()));
    }
    out.append(ORIG_RETRANSMISSIONS).number(f.origRetransmissions());
    out.append(RESP_RETRANSMISSIONS).number(f.respRetransmissions());
    dns(f.dns(), out.append(DNS));
    out.append(DNS_MORE).number(f.dnsMore());
    tls(f.tls(), out.append(TLS));
    http(f.http(), out.append(HTTP));
    out.append('}');
  }

  /** The {@code dns} array alone, as {@link #append} writes it. */
  static void dns(List<FlowRecord.Dns> dns, JsonChars out) {
    out.append('[');
    for (int i = 0; i < dns.size(); i++) {
      FlowRecord.Dns d = dns.get(i);
      out.append(i == 0 ? FIRST_QUERY : QUERY).string(d.query());
      out.append(QTYPE).number(d.qtype());
      port(out.append(RCODE), d.rcode());
      out.append(ANSWERS_ARRAY);
      List<String> answers = d.answers();
      for (int a = 0; a < answers.size(); a++) {
        if (a > 0) {
          out.append(',');
        }
        out.string(answers.get(a));
      }
      out.append(ANSWERS_END);
    }
    out.append(']');
  }

  /** The {@code tls} object alone (or null), as {@link #append} writes it. */
  static void tls(FlowRecord.Tls tls, JsonChars out) {
    if (tls == null) {
      out.nullValue();
      return;
    }
    out.append(FIRST_SNI).string(tls.sni());
    out.append(VERSION).string(tls.version());
    out.append(ALPN).string(tls.alpn());
    out.append(JA3).string(tls.ja3());
    out.append('}');
  }

  /** The {@code http} object alone (or null), as {@link #append} writes it. */
  static void http(FlowRecord.Http http, JsonChars out) {
    if (http == null) {
      out.nullValue();
      return;
    }
    out.append(FIRST_METHOD).string(http.method());
    out.append(HOST).string(http.host());
    out.append(URI).string(http.uri());
    out.append(STATUS);
    if (http.status() == 0) {
      out.nullValue();
    } else {
      out.number(http.status());
    }
    out.append(USER_AGENT).string(http.userAgent());
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
