package io.netanal.report;

import io.netanal.flow.FlowListener;
import io.netanal.flow.FlowRecord;
import io.netanal.frame.TimestampFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
 * <p>JSON Lines are made as UTF-8 bytes ({@link JsonLines}); given an {@link OutputStream} (standard output) they
 * are written as they are, given a {@link Writer} (a test's) they are decoded for it.
 *
 * <p>Owned by one thread (the flow table's). Write errors surface as {@link UncheckedIOException}.
 */
public final class FlowRecordWriter implements FlowListener {
  public enum Format { JSON_LINES, CSV }

  static final List<String> FIELDS = List.of("source", "ts", "lastTs", "duration", "origAddress", "origPort",
      "respAddress", "respPort", "proto", "vlan", "service", "origPackets", "respPackets", "origBytes", "respBytes",
      "origIpBytes", "respIpBytes", "state", "history", "end", "communityId", "rttMillis", "origRetransmissions",
      "respRetransmissions", "dns", "dnsMore", "tls", "http");
  /** JSON Lines are handed on in chunks of about this many bytes. */
  private static final int CHUNK = 16 * 1024;

  /** One of the two is null. */
  private final CSVPrinter csv;
  private final JsonLines json;
  private long rows;

  public FlowRecordWriter(Writer out, Format format) {
    try {
      this.csv = format == Format.CSV
          ? new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(FIELDS.toArray(new String[0])).build())
          : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.json = format == Format.CSV ? null : new JsonLines(out, CHUNK);
  }

  /** JSON Lines straight to a byte stream (standard output), without a {@code Writer} encoding every char again. */
  public FlowRecordWriter(OutputStream out) {
    this.csv = null;
    this.json = new JsonLines(out, CHUNK);
  }

  public long rows() {
    return rows;
  }

  @Override
  public void flowEnded(FlowRecord flow) {
    try {
      if (csv != null) {
        csvRow(flow);
      } else {
        FlowRecordJson.append(flow, json.line());
        json.endLine();
      }
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void flush() {
    try {
      if (csv != null) {
        csv.flush();
      } else {
        json.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One record as a compact JSON object (no newline). */
  public static void json(FlowRecord f, Writer out) throws IOException {
    JsonBytes text = new JsonBytes(512);
    FlowRecordJson.append(f, text);
    out.write(new String(text.array(), 0, text.length(), StandardCharsets.UTF_8));
  }

  private void csvRow(FlowRecord f) throws IOException {
    csv.printRecord(f.source(), TimestampFormat.format(f.tsNanos()), TimestampFormat.format(f.lastTsNanos()),
        FlowRecordJson.decimalSeconds(f.durationNanos()).toPlainString(), f.origAddress(), blank(f.origPort()),
        f.respAddress(), blank(f.respPort()), f.proto(), blank(f.vlan()), f.service(), f.origPackets(),
        f.respPackets(), f.origBytes(), f.respBytes(), f.origIpBytes(), f.respIpBytes(), f.state(), f.history(),
        f.end(), f.communityId(), f.rttMillis() == null ? null : ReportJson.plain(f.rttMillis()),
        f.origRetransmissions(), f.respRetransmissions(),
        f.dns().isEmpty() ? null : part(sb -> FlowRecordJson.dns(f.dns(), sb)), f.dnsMore(),
        f.tls() == null ? null : part(sb -> FlowRecordJson.tls(f.tls(), sb)),
        f.http() == null ? null : part(sb -> FlowRecordJson.http(f.http(), sb)));
  }

  private interface Part {
    void write(JsonBytes text);
  }

  private static String part(Part part) {
    JsonBytes text = new JsonBytes(128);
    part.write(text);
    return new String(text.array(), 0, text.length(), StandardCharsets.UTF_8);
  }

  private static Integer blank(int value) {
    return value < 0 ? null : value;
  }
}
