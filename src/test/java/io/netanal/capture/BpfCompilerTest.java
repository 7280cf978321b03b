package io.netanal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.FilterSyntaxException;
import io.netanal.filter.BpfInterpreter;
import io.netanal.filter.BpfProgram;
import io.netanal.frame.LinkType;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BpfCompilerTest {
  private final BpfCompiler compiler = new BpfCompiler();

  @Test
  void shouldCompileTcpPort443ForEthernetAsTcpdumpDoes() {
    BpfProgram program = compiler.compile("tcp port 443", LinkType.ETHERNET, 262144);

    // tcpdump -dd -y EN10MB 'tcp port 443': the first instructions load and test the EtherType
    assertThat(program.length()).isEqualTo(20);
    assertThat(program.code(0)).isEqualTo(0x28); // ldh [12]
    assertThat(program.constant(0)).isEqualTo(12);
    assertThat(program.code(1)).isEqualTo(0x15); // jeq #0x86dd
    assertThat(program.constant(1)).isEqualTo(0x86dd);
    assertThat(program.code(program.length() - 1)).isEqualTo(0x06); // ret #0
    assertThat(program.code(program.length() - 2)).isEqualTo(0x06); // ret #262144
    assertThat(program.constant(program.length() - 2)).isEqualTo(262144);
    assertThat(program.expression()).isEqualTo("tcp port 443");
    assertThat(program.linkType()).isEqualTo(LinkType.ETHERNET);
  }

  @Test
  void shouldCompileForRawIpThoughItsLinkTypeAndDltDiffer() {
    BpfProgram program = compiler.compile("udp", LinkType.RAW, 65535);

    assertThat(program.code(0)).isEqualTo(0x30); // ldb [0]: the IP version nibble, no link header
    assertThat(program.constant(0)).isZero();
  }

  @Test
  void shouldRejectSyntaxErrorWithLibpcapMessageAndExpression() {
    assertThatThrownBy(() -> compiler.compile("tcp prt 80"))
        .isInstanceOf(FilterSyntaxException.class)
        .hasMessage("filter 'tcp prt 80': can't parse filter expression: syntax error (libpcap, link type EN10MB)");
  }

  @Test
  void shouldRejectExpressionThatDoesNotFitTheLinkType() {
    assertThatThrownBy(() -> compiler.compile("ether host 01:02:03:04:05:06", LinkType.RAW, 65535))
        .isInstanceOf(FilterSyntaxException.class)
        .hasMessageStartingWith("filter 'ether host 01:02:03:04:05:06': ")
        .hasMessageEndingWith(" (libpcap, link type RAW)");
  }

  private static final String[] EXPRESSIONS = {
      "tcp", "udp", "icmp", "icmp6", "arp", "ip", "ip6", "sctp", "vlan", "vlan 100", "vlan and tcp port 80",
      "host 10.0.0.5", "src host 10.0.0.5", "dst host 192.168.1.1", "net 10.0.0.0/8", "host 2001:db8::1",
      "net 2001:db8::/32", "port 443", "src port 443", "dst port 53", "portrange 1000-2000", "tcp port 443",
      "not port 22", "tcp[tcpflags] & tcp-syn != 0", "ip[6:2] & 0x1fff != 0", "greater 100", "less 64",
      "tcp and (port 80 or port 443)", "ip and udp[8:2] = 0x1234", "ether proto 0x88cc", "ip6 and udp"};

  @Test
  void shouldKeepExactlyTheFramesLibpcapKeepsOnRandomizedEthernetFrames() throws Exception {
    Random random = new Random(20240501);
    int checked = 0;
    for (String expression : EXPRESSIONS) {
      org.pcap4j.core.PcapHandle handle = org.pcap4j.core.Pcaps.openDead(
          org.pcap4j.packet.namednumber.DataLinkType.EN10MB, 262144);
      org.pcap4j.core.BpfProgram reference = handle.compileFilter(expression,
          org.pcap4j.core.BpfProgram.BpfCompileMode.OPTIMIZE, org.pcap4j.core.PcapHandle.PCAP_NETMASK_UNKNOWN);
      BpfInterpreter interpreter = new BpfInterpreter(compiler.compile(expression));
      try {
        for (int i = 0; i < 3000; i++) {
          byte[] frame = randomFrame(random);
          int caplen = random.nextInt(4) == 0 ? random.nextInt(frame.length + 1) : frame.length;
          int wirelen = frame.length + (random.nextInt(4) == 0 ? random.nextInt(2000) : 0);
          boolean expected = reference.applyFilter(frame, wirelen, caplen);
          boolean actual = interpreter.accepts(ByteBuffer.wrap(frame), 0, caplen, wirelen);
          assertThat(actual).as("'%s' on %s (caplen %d, len %d)", expression, HexFormat.of().formatHex(frame),
              caplen, wirelen).isEqualTo(expected);
          checked++;
        }
      } finally {
        reference.free();
        handle.close();
      }
    }
    assertThat(checked).isEqualTo(EXPRESSIONS.length * 3000);
  }

  /** An Ethernet frame from a template (IPv4/IPv6, TCP/UDP/ICMP/SCTP, ARP, VLAN) with random field values. */
  private static byte[] randomFrame(Random random) {
    ByteBuffer b = ByteBuffer.allocate(128);
    b.put(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}); // destination and source MAC
    if (random.nextInt(4) == 0) {
      b.putShort((short) 0x8100); // 802.1Q TPID
      b.putShort((short) (random.nextBoolean() ? 100 : random.nextInt(4096))); // TCI: VLAN id
    }
    int kind = random.nextInt(5);
    int[] protocols = {6, 17, 1, 132, 58};
    int protocol = protocols[random.nextInt(protocols.length)];
    if (kind <= 2) {
      b.putShort((short) 0x0800); // EtherType IPv4
      int ihl = random.nextInt(8) == 0 ? 6 : 5;
      b.put((byte) (0x40 | ihl)); // version 4, IHL
      b.put((byte) 0); // DSCP/ECN
      b.putShort((short) 60); // total length
      b.putShort((short) 1); // id
      b.putShort((short) (random.nextInt(4) == 0 ? random.nextInt(0x4000) : 0x4000)); // flags, fragment offset
      b.put((byte) 64); // TTL
      b.put((byte) protocol); // protocol
      b.putShort((short) 0); // checksum
      b.putInt(random.nextBoolean() ? 0x0a000005 : random.nextInt()); // source 10.0.0.5 or random
      b.putInt(random.nextBoolean() ? 0xc0a80101 : random.nextInt()); // destination 192.168.1.1 or random
      if (ihl == 6) {
        b.putInt(0x01010101); // options: NOPs
      }
    } else if (kind == 3) {
      b.putShort((short) 0x86dd); // EtherType IPv6
      b.putInt(0x60000000); // version 6, class, flow
      b.putShort((short) 40); // payload length
      b.put((byte) (protocol == 1 ? 58 : protocol)); // next header
      b.put((byte) 64); // hop limit
      b.putLong(0x20010db800000000L); // source 2001:db8::1 or random
      b.putLong(random.nextBoolean() ? 1 : random.nextLong());
      b.putLong(random.nextLong()); // destination
      b.putLong(random.nextLong());
    } else {
      b.putShort((short) (random.nextBoolean() ? 0x0806 : 0x88cc)); // EtherType ARP or LLDP
      b.putLong(random.nextLong()); // ARP body
    }
    int[] ports = {80, 443, 53, 22, 1500, 1000, 2000};
    b.putShort((short) (random.nextBoolean() ? ports[random.nextInt(ports.length)] : random.nextInt(65536)));
    b.putShort((short) (random.nextBoolean() ? ports[random.nextInt(ports.length)] : random.nextInt(65536)));
    b.putInt(random.nextInt()); // sequence / UDP length, checksum
    b.putInt(random.nextInt()); // acknowledgement
    b.put((byte) 0x50); // data offset
    b.put((byte) (random.nextBoolean() ? 0x02 : random.nextInt(256))); // TCP flags
    b.putShort((short) random.nextInt()); // window
    b.putInt(0); // checksum, urgent pointer
    int length = b.position() + random.nextInt(b.remaining());
    byte[] frame = new byte[length];
    System.arraycopy(b.array(), 0, frame, 0, length);
    return frame;
  }
}
