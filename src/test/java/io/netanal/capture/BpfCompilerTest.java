package io.netanal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.FilterSyntaxException;
import io.netanal.filter.BpfProgram;
import io.netanal.frame.LinkType;
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
}
