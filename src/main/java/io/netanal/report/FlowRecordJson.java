package io.netanal.report;

import io.netanal.flow.FlowRecord;
import io.netanal.frame.TimestampFormat;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One {@code netanal.flow/1} record as a line of JSON, written field by field as UTF-8 into {@link JsonBytes}: the
 * text Jackson's generator wrote for it (fields in the record's order, nulls written, {@code duration} as
 * {@link BigDecimal#toString()} writes the seconds, strings escaped as Jackson escapes them), at a fraction of its
 * cost. {@code flows --json} writes a record per flow, and the generator cost a third of the flow stage.
 *
 * <p>Stateless; any thread, each with its own buffer (which keeps the source name it wrote last: every record of a
 * file has the same).
 */
final class FlowRecordJson {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** From this many nanoseconds up, {@link BigDecimal#toString()} of the seconds has no exponent. */
  private static final long PLAIN_FROM_NANOS = 1_000;
  /** The {@link JsonBytes#sameString} slot of the source name. */
  private static final int SOURCE_SLOT = 0;

  private static final byte[] NULL = ascii("null");
  // Field names with their punctuation, as bytes: copied into each record.
  private static final byte[] SOURCE = ascii("{\"source\":");
  private static final byte[] TS = ascii(",\"ts\":");
  private static final byte[] LAST_TS = ascii(",\"lastTs\":");
  private static final byte[] DURATION = ascii(",\"duration\":");
  private static final byte[] ORIG_ADDRESS = ascii(",\"origAddress\":");
  private static final byte[] ORIG_PORT = ascii(",\"origPort\":");
  private static final byte[] RESP_ADDRESS = ascii(",\"respAddress\":");
  private static final byte[] RESP_PORT = ascii(",\"respPort\":");
  private static final byte[] PROTO = ascii(",\"proto\":");
  private static final byte[] VLAN = ascii(",\"vlan\":");
  private static final byte[] SERVICE = ascii(",\"service\":");
  private static final byte[] ORIG_PACKETS = ascii(",\"origPackets\":");
  private static final byte[] RESP_PACKETS = ascii(",\"respPackets\":");
  private static final byte[] ORIG_BYTES = ascii(",\"origBytes\":");
  private static final byte[] RESP_BYTES = ascii(",\"respBytes\":");
  private static final byte[] ORIG_IP_BYTES = ascii(",\"origIpBytes\":");
  private static final byte[] RESP_IP_BYTES = ascii(",\"respIpBytes\":");
  private static final byte[] STATE = ascii(",\"state\":");
  private static final byte[] HISTORY = ascii(",\"history\":");
  private static final byte[] END = ascii(",\"end\":");
  private static final byte[] COMMUNITY_ID = ascii(",\"communityId\":");
  private static final byte[] RTT_MILLIS = ascii(",\"rttMillis\":");
  private static final byte[] ORIG_RETRANSMISSIONS = ascii(",\"origRetransmissions\":");
  private static final byte[] RESP_RETRANSMISSIONS = ascii(",\"respRetransmissions\":");
  private static final byte[] DNS = ascii(",\"dns\":");
  private static final byte[] DNS_MORE = ascii(",\"dnsMore\":");
  private static final byte[] TLS = ascii(",\"tls\":");
  private static final byte[] HTTP = ascii(",\"http\":");
  private static final byte[] FIRST_QUERY = ascii("{\"query\":");
  private static final byte[] QUERY = ascii(",{\"query\":");
  private static final byte[] QTYPE = ascii(",\"qtype\":");
  private static final byte[] RCODE = ascii(",\"rcode\":");
  private static final byte[] ANSWERS_ARRAY = ascii(",\"answers\":[");
  private static final byte[] ANSWERS_END = ascii("]}");
  private static final byte[] FIRST_SNI = ascii("{\"sni\":");
  private static final byte[] VERSION = ascii(",\"version\":");
  private static final byte[] ALPN = ascii(",\"alpn\":");
  private static final byte[] JA3 = ascii(",\"ja3\":");
  private static final byte[] FIRST_METHOD = ascii("{\"method\":");
  private static final byte[] HOST = ascii(",\"host\":");
  private static final byte[] URI = ascii(",\"uri\":");
  private static final byte[] STATUS = ascii(",\"status\":");
  private static final byte[] USER_AGENT = ascii(",\"userAgent\":");

  /** Appends {@code f} as one JSON object, without a newline. */
  static void append(FlowRecord f, JsonBytes out) {
    out.raw(SOURCE).sameString(SOURCE_SLOT, f.source()); // every record of a file shares its source's String
    out.raw(TS);
    timestamp(f.tsNanos(), out);
    out.raw(LAST_TS);
    timestamp(f.lastTsNanos(), out);
    out.raw(DURATION);
    seconds(f.durationNanos(), out);
    if (f.ipv4FromNumbers()) { // most records: no address text made, to be scanned again for escapes
      out.raw(ORIG_ADDRESS).ipv4((int) f.origAddressLow());
      port(out.raw(ORIG_PORT), f.origPort());
      out.raw(RESP_ADDRESS).ipv4((int) f.respAddressLow());
    } else {
      out.raw(ORIG_ADDRESS).string(f.origAddress());
      port(out.raw(ORIG_PORT), f.origPort());
      out.raw(RESP_ADDRESS).string(f.respAddress());
    }
    port(out.raw(RESP_PORT), f.respPort());
    out.raw(PROTO).string(f.proto());
    port(out.raw(VLAN), f.vlan());
    out.raw(SERVICE).string(f.service());
    out.raw(ORIG_PACKETS).number(f.origPackets());
    out.raw(RESP_PACKETS).number(f.respPackets());
    out.raw(ORIG_BYTES).number(f.origBytes());
    out.raw(RESP_BYTES).number(f.respBytes());
    out.raw(ORIG_IP_BYTES).number(f.origIpBytes());
    out.raw(RESP_IP_BYTES).number(f.respIpBytes());
    out.raw(STATE).string(f.state());
    out.raw(HISTORY).string(f.history());
    out.raw(END).string(f.end());
    out.raw(COMMUNITY_ID).string(f.communityId());
    out.raw(RTT_MILLIS);
    if (f.rttMillis() == null) {
      out.raw(NULL);
    } else {
      out.number(f.rttMillis().doubleValue()); // as ReportJson.plain writes it
    }
    out.raw(ORIG_RETRANSMISSIONS).number(f.origRetransmissions());
    out.raw(RESP_RETRANSMISSIONS).number(f.respRetransmissions());
    dns(f.dns(), out.raw(DNS));
    out.raw(DNS_MORE).number(f.dnsMore());
    tls(f.tls(), out.raw(TLS));
    http(f.http(), out.raw(HTTP));
    out.raw('}');
  }

  /** The {@code dns} array alone, as {@link #append} writes it. */
  static void dns(List<FlowRecord.Dns> dns, JsonBytes out) {
    out.raw('[');
    for (int i = 0; i < dns.size(); i++) {
      FlowRecord.Dns d = dns.get(i);
      out.raw(i == 0 ? FIRST_QUERY : QUERY).string(d.query());
      out.raw(QTYPE).number(d.qtype());
      port(out.raw(RCODE), d.rcode());
      out.raw(ANSWERS_ARRAY);
      List<String> answers = d.answers();
      for (int a = 0; a < answers.size(); a++) {
        if (a > 0) {
          out.raw(',');
        }
        out.string(answers.get(a));
      }
      out.raw(ANSWERS_END);
    }
    out.raw(']');
  }

  /** The {@code tls} object alone (or null), as {@link #append} writes it. */
  static void tls(FlowRecord.Tls tls, JsonBytes out) {
    if (tls == null) {
      out.raw(NULL);
      return;
    }
    out.raw(FIRST_SNI).string(tls.sni());
    out.raw(VERSION).string(tls.version());
    out.raw(ALPN).string(tls.alpn());
    out.raw(JA3).string(tls.ja3());
    out.raw('}');
  }

  /** The {@code http} object alone (or null), as {@link #append} writes it. */
  static void http(FlowRecord.Http http, JsonBytes out) {
    if (http == null) {
      out.raw(NULL);
      return;
    }
    out.raw(FIRST_METHOD).string(http.method());
    out.raw(HOST).string(http.host());
    out.raw(URI).string(http.uri());
    out.raw(STATUS);
    if (http.status() == 0) {
      out.raw(NULL);
    } else {
      out.number(http.status());
    }
    out.raw(USER_AGENT).string(http.userAgent());
    out.raw('}');
  }

  /** A timestamp as {@link TimestampFormat} writes it, quoted. */
  static void timestamp(long nanos, JsonBytes out) {
    out.raw('"');
    if (nanos < 0) {
      out.ascii(TimestampFormat.format(nanos)); // before 1970: the sign applies to the whole value
    } else {
      long seconds = nanos / NANOS_PER_SECOND;
      out.number(seconds).raw('.').digits((int) (nanos - seconds * NANOS_PER_SECOND), 9);
    }
    out.raw('"');
  }

  /** Seconds with the fraction's trailing zeros dropped, as {@link BigDecimal#toString()} writes them. */
  static void seconds(long nanos, JsonBytes out) {
    if (nanos < PLAIN_FROM_NANOS) {
      out.ascii(decimalSeconds(nanos).toString()); // 0, or under a microsecond: written with an exponent
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
    out.raw('.').digits(fraction, width);
  }

  /** What Jackson wrote for a duration: the seconds as a BigDecimal without trailing zeros, scale at least 0. */
  static BigDecimal decimalSeconds(long nanos) {
    BigDecimal s = BigDecimal.valueOf(Math.max(0, nanos), 9).stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** A port-like number: null when negative (none). */
  private static void port(JsonBytes out, int value) {
    if (value < 0) {
      out.raw(NULL);
    } else {
      out.number(value);
    }
  }
}
