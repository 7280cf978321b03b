package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.decode.DecodeStatus;
import io.netanal.decode.FrameFixture;
import io.netanal.decode.DecodedFrame;
import io.netanal.decode.Protocol;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class PacketExporterTest {
  private static final long TS = 1_700_000_000_123_456_789L;
  private final StringWriter out = new StringWriter();

  /** 192.168.1.10:51000 -> 93.184.216.34:443 TCP SYN+ACK over Ethernet, TLS recognised. */
  private static DecodedFrame tcpFrame() {
    DecodedFrame f = new DecodedFrame();
    f.reset();
    return FrameFixture.on(f).withProtocol(Protocol.ETH).withProtocol(Protocol.IP).withProtocol(Protocol.TCP)
        .withProtocol(Protocol.TLS).withIpv4(0xC0A8010A, 0x5DB8D822).withTransport(6, 51000, 443, 0x12).frame();
  }

  /** An ARP frame: no IP, no ports, no flags. */
  private static DecodedFrame arpFrame() {
    DecodedFrame f = new DecodedFrame();
    f.reset();
    return FrameFixture.on(f).withProtocol(Protocol.ETH).withProtocol(Protocol.ARP).frame();
  }

  /** 2001:db8::1 -> ff02::fb UDP 5353 -> 5353 (mDNS). */
  private static DecodedFrame ipv6Frame() {
    DecodedFrame f = new DecodedFrame();
    f.reset();
    return FrameFixture.on(f).withProtocol(Protocol.ETH).withProtocol(Protocol.IPV6).withProtocol(Protocol.UDP)
        .withProtocol(Protocol.MDNS).withIpv6(0x20010db800000000L, 1L, 0xff02000000000000L, 0xfbL)
        .withTransport(17, 5353, 5353, DecodedFrame.NONE).frame();
  }

  @Test
  void shouldWriteOriginalLengthsOf2GiBAndMoreAsUnsigned() throws Exception {
    PacketExporter csv = new PacketExporter(out, PacketExporter.Format.CSV, () -> false);
    csv.start();
    csv.writeRow(TS, 60, 0x80000000, tcpFrame()); // orig_len 2^31 in the file
    csv.finish();
    assertThat(out.toString().lines().skip(1)).singleElement().asString().contains(",2147483648,60,");

    StringWriter json = new StringWriter();
    PacketExporter rows = new PacketExporter(json, PacketExporter.Format.JSON_LINES, () -> false);
    rows.start();
    rows.writeRow(TS, 60, 0xFFFFFFFF, tcpFrame());
    rows.finish();
    assertThat(new ObjectMapper().readTree(json.toString().lines().findFirst().orElseThrow()).get("length").asLong())
        .isEqualTo(0xFFFFFFFFL);
  }

  @Test
  void shouldWriteCsvRowsThatParseBackWithTheHeader() throws Exception {
    PacketExporter exporter = new PacketExporter(out, PacketExporter.Format.CSV, () -> false);
    exporter.start();
    exporter.writeRow(TS, 60, 66, tcpFrame());
    exporter.writeRow(TS + 1_000, 42, 42, arpFrame());
    exporter.writeRow(-1_500_000_000L, 90, 90, ipv6Frame());
    exporter.finish();

    List<CSVRecord> rows = CSVParser.parse(new StringReader(out.toString()),
        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()).getRecords();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).toMap()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("number", "1",
        "timestamp", "1700000000.123456789", "source", "192.168.1.10", "destination", "93.184.216.34",
        "srcPort", "51000", "dstPort", "443", "protocol", "tls", "length", "66", "capturedLength", "60",
        "tcpFlags", "SA"));
    assertThat(rows.get(1).values()).containsExactly("2", "1700000000.123457789", "", "", "", "", "arp", "42",
        "42", "");
    assertThat(rows.get(2).values()).containsExactly("3", "-1.500000000", "2001:db8::1", "ff02::fb", "5353",
        "5353", "mdns", "90", "90", "");
    assertThat(exporter.rows()).isEqualTo(3);
  }

  @Test
  void shouldWriteOneJsonObjectPerLineWithNullsForMissingValues() throws Exception {
    PacketExporter exporter = new PacketExporter(out, PacketExporter.Format.JSON_LINES, () -> false);
    exporter.start();
    exporter.writeRow(TS, 60, 66, tcpFrame());
    exporter.writeRow(TS, 42, 42, arpFrame());
    exporter.finish();

    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(2);
    ObjectMapper mapper = new ObjectMapper();
    JsonNode tcp = mapper.readTree(lines[0]);
    assertThat(tcp.toString()).isEqualTo("{\"number\":1,\"timestamp\":\"1700000000.123456789\","
        + "\"source\":\"192.168.1.10\",\"destination\":\"93.184.216.34\",\"srcPort\":51000,\"dstPort\":443,"
        + "\"protocol\":\"tls\",\"length\":66,\"capturedLength\":60,\"tcpFlags\":\"SA\"}");
    JsonNode arp = mapper.readTree(lines[1]);
    assertThat(arp.get("source").isNull()).isTrue();
    assertThat(arp.get("srcPort").isNull()).isTrue();
    assertThat(arp.get("tcpFlags").isNull()).isTrue();
    assertThat(arp.get("protocol").asText()).isEqualTo("arp");
  }

  @Test
  void shouldLeaveProtocolEmptyWhenNothingWasDecoded() {
    PacketExporter exporter = new PacketExporter(out, PacketExporter.Format.CSV, () -> false);
    DecodedFrame nothing = new DecodedFrame();
    nothing.reset();
    exporter.writeRow(0, 10, 10, FrameFixture.on(nothing).withStatus(DecodeStatus.UNSUPPORTED_LINK_TYPE).frame());
    exporter.finish();

    assertThat(out.toString()).isEqualTo("1,0.000000000,,,,,,10,10,\n");
  }

  @Test
  void shouldStopWithABrokenPipeWhenTheReaderHasGone() {
    PacketExporter exporter = new PacketExporter(out, PacketExporter.Format.CSV, () -> true);

    assertThatThrownBy(() -> {
      for (int i = 0; i < 5000; i++) {
        exporter.writeRow(TS, 60, 60, tcpFrame());
      }
    }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("Broken pipe");
    assertThat(exporter.rows()).isEqualTo(1024);
  }

  @Test
  void shouldSpellTcpFlagsInHeaderBitOrder() {
    assertThat(flags(0x02)).isEqualTo("S");
    assertThat(flags(0x12)).isEqualTo("SA");
    assertThat(flags(0x19)).isEqualTo("FPA");
    assertThat(flags(0x04)).isEqualTo("R");
    assertThat(flags(0x1ff)).isEqualTo("FSRPAUECN");
    assertThat(flags(0)).isEmpty();
  }

  private static String flags(int f) {
    StringBuilder sb = new StringBuilder();
    PacketExporter.appendFlagLetters(f, sb);
    return sb.toString();
  }
}
