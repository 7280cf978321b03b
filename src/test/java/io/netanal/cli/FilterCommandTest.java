package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FilterCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Netanal.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void shouldPrintExpressionBuiltFromFlags() {
    assertThat(run("filter", "--tcp", "--port", "443", "--host", "10.0.0.5")).isZero();
    assertThat(out.toString()).isEqualTo("tcp and host 10.0.0.5 and port 443" + System.lineSeparator());
  }

  @Test
  void shouldOrProtocolsAndRepeatedValuesAndPutVlanFirstAndRawLast() {
    assertThat(run("filter", "--udp", "--tcp", "--host", "10.0.0.5", "--host", "2001:db8::1", "--vlan", "100",
        "--not-port", "22", "-f", "greater 100 or less 60")).isZero();
    assertThat(out.toString().strip()).isEqualTo("(vlan 100 and (tcp or udp) and (host 10.0.0.5 or host 2001:db8::1)"
        + " and not port 22) and (greater 100 or less 60)");
  }

  @Test
  void shouldAcceptVlanWithoutId() {
    assertThat(run("filter", "--vlan", "--arp")).isZero();
    assertThat(out.toString().strip()).isEqualTo("vlan and arp");
  }

  @Test
  void shouldCheckExpressionWithLibpcap() {
    assertThat(run("filter", "--tcp", "--dst-port", "443", "--check")).isZero();
    String[] lines = out.toString().split("\\R");
    assertThat(lines[0]).isEqualTo("tcp and dst port 443");
    assertThat(lines[1]).matches("ok: \\d+ BPF instructions for EN10MB");
    assertThat(lines[2]).isEqualTo("(000) 0x0028   0   0 0x0000000c"); // ldh [12]: the EtherType
  }

  @Test
  void shouldCheckForAnotherLinkType() {
    assertThat(run("filter", "--udp", "--check", "--link-type", "LINUX_SLL")).isZero();
    assertThat(out.toString()).contains("BPF instructions for LINUX_SLL");
  }

  @Test
  void shouldFailCheckWithLibpcapMessageAndExitCode2() {
    assertThat(run("filter", "-f", "tcp prt 80", "--check")).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("netanal: filter 'tcp prt 80': can't parse filter expression: syntax error (libpcap, link type EN10MB)");
  }

  @Test
  void shouldRejectInjectedHostWithExitCode2() {
    assertThat(run("filter", "--host", "1.2.3.4 or 1=1")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("netanal: host: 1.2.3.4 or 1=1 (expected: an IPv4 or IPv6 address)");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldRejectPortOutOfRangeWithExitCode2() {
    assertThat(run("filter", "--port", "70000")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("netanal: port: 70000 (expected: 0-65535)");
  }

  @Test
  void shouldRejectUnknownLinkType() {
    assertThat(run("filter", "--tcp", "--check", "--link-type", "FDDI9")).isEqualTo(2);
    assertThat(err.toString()).contains("link-type: FDDI9 (expected: a DLT name");
  }

  @Test
  void shouldRequireSomeFilter() {
    assertThat(run("filter")).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("netanal: filter: no flags and no -f (expected: at least one, e.g. --tcp --port 443)");
  }
}
