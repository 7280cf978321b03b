package io.netanal.term;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.report.Report;
import io.netanal.testing.SampleReports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportRendererTest {

  private static List<String> render(Report report, ConsoleStyle style) {
    StringWriter text = new StringWriter();
    new ReportRenderer(style).render(report, new PrintWriter(text));
    return List.of(text.toString().split("\n", -1));
  }

  private static String stripAnsi(String s) {
    return s.replaceAll("\u001b\\[[0-9;]*m", "");
  }

  @Test
  void shouldShowLearntNamesBesideAddressesInTalkersAndConversations() {
    Report file = SampleReports.renderedFile();
    Report named = file.withFlows(file.flows(),
        List.of(new io.netanal.report.NameRow("203.0.113.5", "example.com", "dns")));
    List<String> lines = render(named, ConsoleStyle.plain(120));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  203.0.113.5 (example.com) "));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("192.168.1.10  <->  203.0.113.5 (example.com)"));
    assertThat(lines).noneSatisfy(l -> assertThat(l).contains("(" + "192.168.1.10"));
  }

  @ParameterizedTest
  @ValueSource(ints = {40, 80, 100, 160})
  void shouldKeepEveryLineWithinTheWidth(int width) {
    for (Report report : List.of(SampleReports.renderedFile(), SampleReports.renderedLive(), SampleReports.emptyFile(),
        SampleReports.arpOnlyFile())) {
      for (boolean colour : new boolean[] {false, true}) {
        ConsoleStyle style = new ConsoleStyle(colour, width, colour, true, false);
        assertThat(render(report, style))
            .allSatisfy(line -> assertThat(stripAnsi(line)).hasSizeLessThanOrEqualTo(width));
      }
    }
  }

  @Test
  void shouldShowSummaryValuesInHumanAndExactUnits() {
    List<String> lines = render(SampleReports.renderedFile(), ConsoleStyle.plain(80));

    assertThat(lines).contains(
        "  source      traffic.pcapng",
        "  format      pcapng; link types EN10MB; snaplen 262,144",
        "  packets     123,456",
        "  bytes       98.8 MB (98,765,432 bytes)",
        "  captured    98.0 MB (98,000,000 bytes)",
        "  first       2023-11-14T22:13:20.123456Z",
        "  last        2023-11-14T22:15:20.623456Z",
        "  duration    2m 00s (120.500 s)",
        "  rate        1,025 packets/s, 6.6 Mbit/s");
  }

  @Test
  void shouldLeaveOutCapturedBytesWhenEqualToWireBytes() {
    assertThat(render(SampleReports.arpOnlyFile(), ConsoleStyle.plain(80)))
        .contains("  bytes       600 bytes")
        .noneMatch(l -> l.startsWith("  captured"));
  }

  @Test
  void shouldGroupProtocolsByLayerWithRightAlignedCountsAndBars() {
    List<String> lines = render(SampleReports.renderedFile(), ConsoleStyle.plain(80));

    int header = lines.indexOf("  layer        protocol  packets    bytes   share");
    assertThat(header).isPositive();
    assertThat(lines.subList(header + 1, header + 9)).containsExactly(
        "  link         eth       123,456  98.8 MB  100.0%  ████████████████████████",
        "  network      ip        120,000  97.0 MB   97.2%  ███████████████████████▍",
        "               ipv6        3,000   1.5 MB    2.4%  ▋",
        "               arp           456  27.4 kB    0.4%  ▏",
        "  transport    tcp       100,000  90.0 MB   81.0%  ███████████████████▌",
        "               udp        23,000   7.0 MB   18.6%  ████▌",
        "  application  tls        60,000  70.0 MB   48.6%  ███████████▋",
        "               dns        12,000   1.5 kB    9.7%  ██▍");
  }

  @Test
  void shouldShortenLongAddressesWithAnEllipsisAt80Columns() {
    assertThat(render(SampleReports.renderedFile(), ConsoleStyle.plain(80))).contains(
        "  address                  pkts sent  pkts recv  bytes sent  bytes recv    total",
        "  192.168.1.10                61,000     59,000     20.0 MB     75.0 MB  95.0 MB",
        "  2001:db8:85…2e:370:7334      1,500      1,500    750.0 kB    750.0 kB   1.5 MB");
  }

  @Test
  void shouldShowWholeAddressesAndEachDirectionInItsOwnColumnAt160Columns() {
    List<String> lines = render(SampleReports.renderedFile(), ConsoleStyle.plain(160));

    assertThat(lines).contains(
        "  2001:db8:85a3:1234:5678:8a2e:370:7334      1,500      1,500    750.0 kB    750.0 kB   1.5 MB",
        "  192.168.1.10  <->  203.0.113.5                              35,000    40,000     9.0 MB    60.0 MB"
            + "    1m 40s");
  }

  @Test
  void shouldShareOneCellPerDirectionPairWhenConversationsDoNotFit() {
    assertThat(render(SampleReports.renderedFile(), ConsoleStyle.plain(80))).contains(
        "  a             b                      pkts a>b/b>a      bytes a>b/b>a  duration",
        "  192.168.1.10  203.0.113.5           35,000/40,000     9.0 MB/60.0 MB    1m 40s",
        "  192.168.1.10  198.51.100.77         20,000/15,000     8.0 MB/12.0 MB   2.500 s");
  }

  @Test
  void shouldSayHowManyEndpointsTheTopCutLeftOut() {
    List<String> lines = render(SampleReports.renderedFile(), ConsoleStyle.plain(80));

    assertThat(lines).contains("  42 more endpoints not shown (--top)");
    assertThat(lines).noneMatch(l -> l.contains("more conversations"));
  }

  @Test
  void shouldDrawBandwidthSparklineOneCharacterPerSampleWhenItFits() {
    List<String> lines = render(SampleReports.renderedFile(), ConsoleStyle.plain(80));

    assertThat(lines).contains("   ▁▂▃▄▅▆▇█",
        "  1 s intervals, 9 samples, one character per interval,", "  peak 64.0 kbit/s at +8 s, mean 32.0 kbit/s");
  }

  @Test
  void shouldDrawAsciiSparklineAndBarsWhenCharsetLacksBlockCharacters() {
    List<String> lines = render(SampleReports.renderedFile(), new ConsoleStyle(false, 80, false, false, false));

    assertThat(lines).contains("   _.-:=+*#");
    assertThat(lines).anyMatch(
        l -> l.startsWith("  link         eth       123,456") && l.endsWith("  ########################"));
    assertThat(String.join("\n", lines)).doesNotContain("█", "…", "─");
  }

  @Test
  void shouldShowTcpFlagsOnOneLineWithoutZeroCounts() {
    assertThat(render(SampleReports.renderedFile(), ConsoleStyle.plain(80)))
        .contains("  SYN 1,200  SYN/ACK 1,150  FIN 1,100  RST 42  PSH 30,000  ACK 99,000");
  }

  @Test
  void shouldListDecodeProblemsByReasonWhenThereAreAny() {
    assertThat(render(SampleReports.renderedFile(), ConsoleStyle.plain(80))).contains(
        "  12 of 123,456 frames (<0.1%) not fully decoded",
        "  truncated      10",
        "  malformed       2",
        "  first: frame 17 truncated, frame 230 malformed");
  }

  @Test
  void shouldShowCaptureCountersOnlyForLiveReports() {
    assertThat(render(SampleReports.renderedFile(), ConsoleStyle.plain(80))).noneMatch(l -> l.contains("Capture"));
    assertThat(render(SampleReports.renderedLive(), ConsoleStyle.plain(80))).contains(
        "  received              123,456",
        "  dropped by kernel          12  <0.1%",
        "  filter      tcp port 443");
  }

  @Test
  void shouldHighlightNonZeroDropsOnlyWhenColourIsOn() {
    ConsoleStyle colour = ConsoleStyle.of(true, 80, Map.of());
    List<String> lines = render(SampleReports.renderedLive(), colour);

    assertThat(lines).contains("\u001b[1;31m  dropped by kernel          12  <0.1%\u001b[0m",
        "  dropped by queue            0");
  }

  @Test
  void shouldWriteAnsiEscapesOnlyWhenColourIsAllowed() {
    String plain = String.join("\n", render(SampleReports.renderedLive(), ConsoleStyle.of(false, 80, Map.of())));
    String coloured = String.join("\n", render(SampleReports.renderedLive(), ConsoleStyle.of(true, 80, Map.of())));
    String noColor = String.join("\n", render(SampleReports.renderedLive(), ConsoleStyle.of(true, 80, Map.of("NO_COLOR", ""))));
    String ci = String.join("\n", render(SampleReports.renderedLive(), ConsoleStyle.of(true, 80, Map.of("CI", "true"))));

    assertThat(plain).doesNotContain("\u001b");
    assertThat(noColor).doesNotContain("\u001b");
    assertThat(ci).doesNotContain("\u001b");
    assertThat(coloured).contains("\u001b[1;36m── Summary ").contains(Paint.RESET);
    assertThat(stripAnsi(coloured)).isEqualTo(plain);
  }

  @Test
  void shouldRenderAnEmptyReportAsSummaryOnly() {
    List<String> lines = render(SampleReports.emptyFile(), ConsoleStyle.plain(80));

    assertThat(lines).contains("  packets     0 (no packets)");
    assertThat(lines).noneMatch(l -> l.contains("Protocols") || l.contains("Bandwidth") || l.contains("talkers"));
  }

  @Test
  void shouldSayInOneLineThatThereIsNoIpTraffic() {
    List<String> lines = render(SampleReports.arpOnlyFile(), ConsoleStyle.plain(80));

    assertThat(lines).contains("No IP traffic: no talkers or conversations to show.");
    assertThat(lines).noneMatch(l -> l.contains("Top talkers") || l.contains("TCP flags") || l.contains("Decode"));
  }

  @Test
  void shouldShowTheSpoolSectionOnlyForASpoolingCapture() {
    assertThat(render(SampleReports.renderedLive(), ConsoleStyle.plain(80))).noneMatch(l -> l.contains("Spool"));
    assertThat(render(SampleReports.renderedSpooling(), ConsoleStyle.plain(80))).containsSubsequence(
        "── Spool ───────────────────────────────────────────────────────────────",
        "  directory   /var/spool/netanal",
        "  ready       25 files, 123,000 packets, 98.0 MB",
        "  deleted     2 files, 9,000 packets, 7.8 MB (over --spool-max, never shipped)",
        "  dropped     456 packets (the spool's disk failed)",
        "  at start    recovered 1, discarded 0 files of an interrupted capture");
  }
}
