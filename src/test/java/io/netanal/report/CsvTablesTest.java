package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.InvalidInputException;
import io.netanal.stats.ProtocolCount;
import io.netanal.testing.SampleReports;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvTablesTest {
  private final Report report = SampleReports.fileReport("a.pcap");

  @Test
  void shouldWriteProtocolsWithHeaderAndRoundTrip() throws Exception {
    List<CSVRecord> rows = parse(report, ReportTable.PROTOCOLS);

    assertThat(rows.get(0).values()).containsExactly("name", "layer", "packets", "bytes");
    assertThat(rows).hasSize(1 + report.protocols().size());
    for (int i = 0; i < report.protocols().size(); i++) {
      ProtocolCount p = report.protocols().get(i);
      assertThat(rows.get(i + 1).values()).containsExactly(p.name(), p.layer(), Long.toString(p.packets()),
          Long.toString(p.bytes()));
    }
  }

  @Test
  void shouldQuoteFieldsHoldingCommasQuotesAndLineBreaks() throws Exception {
    Report odd = new Report(report.schema(), report.source(), report.summary(), null,
        List.of(new ProtocolCount("a,b", "link", 1, 2), new ProtocolCount("say \"hi\"", "network", 3, 4),
            new ProtocolCount("two\nlines", "transport", 5, 6)),
        report.endpoints(), 0, 0, report.conversations(), 0, 0, report.bandwidth(), report.sizes(),
        report.tcpFlags(), report.decode());
    StringBuilder out = new StringBuilder();
    CsvTables.write(odd, ReportTable.PROTOCOLS, out);

    assertThat(out.toString()).contains("\"a,b\",link,1,2\r\n").contains("\"say \"\"hi\"\"\",network,3,4\r\n");
    List<CSVRecord> rows = CSVParser.parse(new StringReader(out.toString()), CSVFormat.RFC4180).getRecords();
    assertThat(rows).extracting(r -> r.get(0)).containsExactly("name", "a,b", "say \"hi\"", "two\nlines");
  }

  @Test
  void shouldWriteEndpointsConversationsAndSizes() throws Exception {
    List<CSVRecord> endpoints = parse(report, ReportTable.ENDPOINTS);
    assertThat(endpoints.get(0).values()).containsExactly("address", "packetsSent", "packetsReceived",
        "bytesSent", "bytesReceived");
    assertThat(endpoints.get(13).values()).containsExactly("2001:db8::1", "5", "4", "600", "500");

    List<CSVRecord> conversations = parse(report, ReportTable.CONVERSATIONS);
    assertThat(conversations.get(0).values()).containsExactly("a", "b", "packetsAToB", "packetsBToA", "bytesAToB",
        "bytesBToA", "firstTimestamp", "lastTimestamp");
    assertThat(conversations.get(2).values()).containsExactly("2001:db8::1", "2001:db8::2", "5", "4", "600",
        "500", "1700000001.000000000", "1700000002.500000000");

    List<CSVRecord> sizes = parse(report, ReportTable.SIZES);
    assertThat(sizes).hasSize(11);
    assertThat(sizes.get(3).values()).containsExactly("40-79", "400");
  }

  @Test
  void shouldWriteBandwidthSamplesWithTheirStartAndInterval() throws Exception {
    List<CSVRecord> rows = parse(report, ReportTable.BANDWIDTH);

    assertThat(rows.get(0).values()).containsExactly("start", "intervalSeconds", "offsetSeconds", "packets",
        "bytes");
    assertThat(rows).hasSize(61);
    assertThat(rows.get(2).values()).containsExactly("1700000000.000000000", "1.0", "1.0", "12", "16800");
  }

  @Test
  void shouldRejectAnUnknownTableListingTheKnownOnes() {
    assertThatThrownBy(() -> ReportTable.named("foo")).isInstanceOf(InvalidInputException.class)
        .hasMessage("--table: foo (expected: protocols, endpoints, conversations, bandwidth, sizes, flows, names)");
  }

  private static List<CSVRecord> parse(Report report, ReportTable table) throws Exception {
    StringBuilder out = new StringBuilder();
    CsvTables.write(report, table, out);
    assertThat(out.toString()).endsWith("\r\n");
    return CSVParser.parse(new StringReader(out.toString()), CSVFormat.RFC4180).getRecords();
  }
}
