package io.netanal.report;

import io.netanal.stats.Bandwidth;
import io.netanal.stats.BandwidthSample;
import io.netanal.stats.Conversation;
import io.netanal.stats.Endpoint;
import io.netanal.stats.ProtocolCount;
import io.netanal.stats.SizeBucket;
import java.io.IOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one table of a report as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break), with a header row of the report's JSON field names.
 *
 * <p>Stateless; any thread. The {@code bandwidth} table's rows are its samples; each also carries the series'
 * {@code start} and {@code intervalSeconds}, so that one CSV file is self-contained.
 */
public final class CsvTables {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180;

  private CsvTables() {}

  /** Writes {@code table} of {@code report} to {@code out} (not closed; flushed). */
  public static void write(Report report, ReportTable table, Appendable out) throws IOException {
    CSVPrinter csv = new CSVPrinter(out, FORMAT);
    switch (table) {
      case PROTOCOLS: protocols(report.protocols(), csv); break;
      case ENDPOINTS: endpoints(report.endpoints(), csv); break;
      case CONVERSATIONS: conversations(report.conversations(), csv); break;
      case BANDWIDTH: bandwidth(report.bandwidth(), csv); break;
      case SIZES: sizes(report.sizes(), csv); break;
      case FLOWS: flows(report.flows() == null ? List.of() : report.flows().top(), csv); break;
      case NAMES: names(nonNull(report.names()), csv); break;
      default: throw new AssertionError(table);
    }
    csv.flush();
  }

  private static void protocols(List<ProtocolCount> rows, CSVPrinter csv) throws IOException {
    csv.printRecord("name", "layer", "packets", "bytes");
    for (ProtocolCount r : nonNull(rows)) {
      csv.printRecord(r.name(), r.layer(), r.packets(), r.bytes());
    }
  }

  private static void endpoints(List<Endpoint> rows, CSVPrinter csv) throws IOException {
    csv.printRecord("address", "packetsSent", "packetsReceived", "bytesSent", "bytesReceived");
    for (Endpoint r : nonNull(rows)) {
      csv.printRecord(r.address(), r.packetsSent(), r.packetsReceived(), r.bytesSent(), r.bytesReceived());
    }
  }

  private static void conversations(List<Conversation> rows, CSVPrinter csv) throws IOException {
    csv.printRecord("a", "b", "packetsAToB", "packetsBToA", "bytesAToB", "bytesBToA", "firstTimestamp",
        "lastTimestamp");
    for (Conversation r : nonNull(rows)) {
      csv.printRecord(r.a(), r.b(), r.packetsAToB(), r.packetsBToA(), r.bytesAToB(), r.bytesBToA(),
          r.firstTimestamp(), r.lastTimestamp());
    }
  }

  private static void bandwidth(Bandwidth series, CSVPrinter csv) throws IOException {
    csv.printRecord("start", "intervalSeconds", "offsetSeconds", "packets", "bytes");
    if (series == null) {
      return;
    }
    String interval = ReportJson.plain(series.intervalSeconds());
    for (BandwidthSample s : nonNull(series.samples())) {
      csv.printRecord(series.start(), interval, ReportJson.plain(s.offsetSeconds()), s.packets(), s.bytes());
    }
  }

  private static void sizes(List<SizeBucket> rows, CSVPrinter csv) throws IOException {
    csv.printRecord("range", "packets");
    for (SizeBucket r : nonNull(rows)) {
      csv.printRecord(r.range(), r.packets());
    }
  }

  private static void flows(List<FlowRow> rows, CSVPrinter csv) throws IOException {
    csv.printRecord(FlowRecordWriter.FIELDS.subList(0, FlowRecordWriter.FIELDS.indexOf("dns")));
    for (FlowRow f : rows) {
      csv.printRecord(f.source(), f.ts(), f.lastTs(), java.math.BigDecimal.valueOf(f.duration()).toPlainString(),
          f.origAddress(), f.origPort(), f.respAddress(), f.respPort(), f.proto(), f.vlan(), f.service(),
          f.origPackets(), f.respPackets(), f.origBytes(), f.respBytes(), f.origIpBytes(), f.respIpBytes(),
          f.state(), f.history(), f.end(), f.communityId(), f.rttMillis(), f.origRetransmissions(),
          f.respRetransmissions());
    }
  }

  private static void names(List<NameRow> rows, CSVPrinter csv) throws IOException {
    csv.printRecord("address", "name", "source");
    for (NameRow n : rows) {
      csv.printRecord(n.address(), n.name(), n.source());
    }
  }

  private static <T> List<T> nonNull(List<T> rows) {
    return rows == null ? List.of() : rows;
  }
}
