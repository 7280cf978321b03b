package io.netanal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netanal.FilterSyntaxException;
import io.netanal.capture.BpfCompiler;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.testing.TestData;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;

class FilteringSinkTest {

  private static final String[] EXPRESSIONS = {
      "tcp", "udp", "icmp", "icmp6", "arp", "ip", "ip6", "host 192.168.1.1", "src host 10.0.0.1",
      "net 192.168.0.0/16", "net 10.0.0.0/8", "net 2001:db8::/32", "port 53", "port 80", "dst port 443",
      "portrange 1-1023", "vlan", "vlan and tcp", "not tcp", "not port 53 and ip",
      "tcp[tcpflags] & tcp-syn != 0", "ip[6:2] & 0x1fff != 0", "greater 1000", "less 100",
      "udp and (port 53 or port 123)"};

  // Ethernet, Linux cooked, raw IP (LINKTYPE_RAW, IPV4, IPV6 and the DLT_RAW numbers)
  private static final Set<Integer> LINK_TYPES = Set.of(1, 113, 101, 228, 229, 12, 14);

  @Test
  void shouldKeepTheFramesLibpcapKeepsOnEveryEligibleCorpusFile() throws Exception {
    Path pcaps = TestData.pcaps();
    List<Path> files = eligibleFiles(pcaps);
    BpfCompiler compiler = new BpfCompiler();
    int pairs = 0;
    int vlanFilesPairs = 0;
    List<String> mismatches = new ArrayList<>();
    int refusedByBoth = 0;
    for (Path file : files) {
      for (String expression : EXPRESSIONS) {
        long expected;
        try {
          expected = libpcapKeeps(file, expression);
        } catch (org.pcap4j.core.PcapNativeException refused) {
          refusedByBoth += assertWeRefuseToo(file, expression, compiler);
          continue;
        }
        FilteringSink sink = new FilteringSink(FilterExpression.raw(expression), compiler,
            (linkType, ts, caplen, len, buffer, offset) -> { });
        try (CaptureFileReader reader = CaptureFileReader.open(file)) {
          reader.read(sink);
        }
        if (sink.kept() != expected) {
          mismatches.add(pcaps.relativize(file) + " '" + expression + "': kept " + sink.kept() + ", libpcap "
              + expected);
        }
        pairs++;
      }
    }
    System.out.printf("filter corpus check: %d files, %d (file, expression) pairs, %d refused by both,"
        + " %d mismatches%n", files.size(), pairs, refusedByBoth, mismatches.size());
    assertThat(files).hasSizeGreaterThan(20);
    assertThat(mismatches).isEmpty();
  }

  private static int assertWeRefuseToo(Path file, String expression, BpfCompiler compiler) throws Exception {
    FilteringSink sink = new FilteringSink(FilterExpression.raw(expression), compiler,
        (linkType, ts, caplen, len, buffer, offset) -> { });
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      reader.read(sink);
      throw new AssertionError("libpcap refused '" + expression + "' for " + file + " but netanal did not");
    } catch (FilterSyntaxException expected) {
      return 1;
    }
  }

  /**
   * Frames libpcap itself keeps: the frames netanal's reader delivers (the same frames libpcap reads, see
   * {@link #eligibleFiles}), each judged by libpcap's native {@code bpf_filter()} on a program compiled by a
   * handle opened on the file itself, so libpcap also chooses the link type.
   */
  private static long libpcapKeeps(Path file, String expression) throws Exception {
    PcapHandle handle = Pcaps.openOffline(file.toString());
    try {
      org.pcap4j.core.BpfProgram program =
          handle.compileFilter(expression, BpfCompileMode.OPTIMIZE, PcapHandle.PCAP_NETMASK_UNKNOWN);
      long[] kept = new long[1];
      try (CaptureFileReader reader = CaptureFileReader.open(file)) {
        reader.read((linkType, ts, caplen, len, buffer, offset) -> {
          byte[] frame = new byte[caplen];
          buffer.get(offset, frame);
          if (program.applyFilter(frame, len, caplen)) {
            kept[0]++;
          }
        });
      } finally {
        program.free();
      }
      return kept[0];
    } finally {
      handle.close();
    }
  }

  /**
   * Undamaged files of the link types under test that libpcap and netanal read alike (same frame count as the
   * oracle), from {@code oracle.jsonl}.
   */
  private static List<Path> eligibleFiles(Path pcaps) throws Exception {
    List<Path> files = new ArrayList<>();
    for (JsonNode o : TestData.readableCorpusFiles()) {
      if (o.path("linktype_numbers").size() != 1 || !LINK_TYPES.contains(o.path("linktype_numbers").get(0).asInt())
          || o.path("packets").asLong() != o.path("capinfos_packets").asLong()) {
        continue;
      }
      Path file = pcaps.resolve(o.path("path").asText());
      if (Files.isRegularFile(file) && Files.size(file) < 50_000_000 && readsAlike(file, o.path("packets").asLong())
          && libpcapOpens(file)) {
        files.add(file);
      }
    }
    return files;
  }

  private static boolean libpcapOpens(Path file) {
    try {
      Pcaps.openOffline(file.toString()).close();
      return true;
    } catch (org.pcap4j.core.PcapNativeException e) {
      return false;
    }
  }

  private static boolean readsAlike(Path file, long oraclePackets) {
    long[] frames = new long[1];
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      reader.read((linkType, ts, caplen, len, buffer, offset) -> frames[0]++);
      return frames[0] == oraclePackets && reader.damage() == null;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void shouldCompileOncePerLinkTypeAndCountKeptAndRejected() {
    List<Integer> compiledFor = new ArrayList<>();
    BpfCompiler libpcap = new BpfCompiler();
    FilterCompiler counting = (expression, linkType, snaplen) -> {
      compiledFor.add(linkType);
      return libpcap.compile(expression, linkType, snaplen);
    };
    List<Integer> passed = new ArrayList<>();
    FilteringSink sink = new FilteringSink(FilterExpression.raw("udp"), counting,
        (linkType, ts, caplen, len, buffer, offset) -> passed.add(caplen));
    byte[] udpRaw = {
        0x45, 0, 0, 28, // IPv4, IHL 5; total length 28
        0, 1, 0, 0, // id, flags/fragment
        64, 17, 0, 0, // TTL, protocol UDP, checksum
        10, 0, 0, 1, 10, 0, 0, 2, // source, destination
        0, 53, 0, 53, 0, 8, 0, 0}; // UDP ports 53 -> 53, length 8, checksum
    byte[] tcpRaw = udpRaw.clone();
    tcpRaw[9] = 6; // protocol TCP
    byte[] udpEthernet = new byte[14 + udpRaw.length];
    udpEthernet[12] = 0x08; // EtherType IPv4 (MACs zero)
    System.arraycopy(udpRaw, 0, udpEthernet, 14, udpRaw.length);

    sink.frame(101, 0, udpRaw.length, udpRaw.length, ByteBuffer.wrap(udpRaw), 0);
    sink.frame(101, 0, tcpRaw.length, tcpRaw.length, ByteBuffer.wrap(tcpRaw), 0);
    sink.frame(1, 0, udpEthernet.length, udpEthernet.length, ByteBuffer.wrap(udpEthernet), 0);
    sink.frame(101, 0, udpRaw.length, udpRaw.length, ByteBuffer.wrap(udpRaw), 0);

    assertThat(compiledFor).containsExactly(101, 1);
    assertThat(passed).containsExactly(28, 42, 28);
    assertThat(sink.kept()).isEqualTo(3);
    assertThat(sink.rejected()).isEqualTo(1);
  }
}
