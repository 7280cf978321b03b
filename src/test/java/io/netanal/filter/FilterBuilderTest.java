package io.netanal.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.FilterSyntaxException;
import io.netanal.capture.BpfCompiler;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FilterBuilderTest {

  private static FilterBuilder builder() {
    return new FilterBuilder();
  }

  @Test
  void shouldWriteEachProtocolPrimitive() {
    for (FilterProtocol p : FilterProtocol.values()) {
      assertThat(builder().protocol(p).build().text()).isEqualTo(p.primitive());
    }
    assertThat(builder().protocol("ICMP6").build().text()).isEqualTo("icmp6");
  }

  @Test
  void shouldWriteHostsInEachDirectionForBothFamilies() {
    assertThat(builder().host("10.0.0.5").build().text()).isEqualTo("host 10.0.0.5");
    assertThat(builder().srcHost("2001:db8::1").build().text()).isEqualTo("src host 2001:db8::1");
    assertThat(builder().dstHost("::ffff:192.0.2.1").build().text()).isEqualTo("dst host ::ffff:192.0.2.1");
  }

  @Test
  void shouldWriteNetworksOfBothFamilies() {
    assertThat(builder().net("10.0.0.0/8").build().text()).isEqualTo("net 10.0.0.0/8");
    assertThat(builder().net("2001:db8::/32").build().text()).isEqualTo("net 2001:db8::/32");
    assertThat(builder().net("0.0.0.0/0").build().text()).isEqualTo("net 0.0.0.0/0");
  }

  @Test
  void shouldWritePortsAndRanges() {
    assertThat(builder().port(443).build().text()).isEqualTo("port 443");
    assertThat(builder().srcPort(0).build().text()).isEqualTo("src port 0");
    assertThat(builder().dstPort(65535).build().text()).isEqualTo("dst port 65535");
    assertThat(builder().portRange(1024, 2048).build().text()).isEqualTo("portrange 1024-2048");
    assertThat(builder().portRange("5-5").build().text()).isEqualTo("portrange 5-5");
  }

  @Test
  void shouldWriteVlanWithAndWithoutId() {
    assertThat(builder().vlan().build().text()).isEqualTo("vlan");
    assertThat(builder().vlan(4095).build().text()).isEqualTo("vlan 4095");
  }

  @Test
  void shouldAndTermsInOrderWithVlanFirst() {
    FilterExpression e = builder().protocol(FilterProtocol.TCP).port(443).host("10.0.0.5").vlan(100).build();

    assertThat(e.text()).isEqualTo("vlan 100 and tcp and port 443 and host 10.0.0.5");
  }

  @Test
  void shouldNegateOnlyTheNextTerm() {
    assertThat(builder().not().host("10.0.0.5").port(22).build().text()).isEqualTo("not host 10.0.0.5 and port 22");
    assertThat(builder().not().not().port(22).build().text()).isEqualTo("port 22");
    assertThat(builder().not().vlan().build().text()).isEqualTo("not vlan");
  }

  @Test
  void shouldParenthesizeAndGroupsJoinedByOr() {
    FilterExpression e = builder().protocol("tcp").port(443).or().protocol("udp").port(53).or().protocol("arp")
        .build();

    assertThat(e.text()).isEqualTo("(tcp and port 443) or (udp and port 53) or arp");
  }

  @Test
  void shouldParenthesizeNestedGroupAndItsNegation() {
    FilterExpression either = builder().protocol("tcp").or().protocol("udp").build();

    assertThat(builder().host("10.0.0.5").group(either).build().text())
        .isEqualTo("host 10.0.0.5 and (tcp or udp)");
    assertThat(builder().not().group(either).build().text()).isEqualTo("not (tcp or udp)");
    assertThat(builder().group(builder().port(1).build()).build().text()).isEqualTo("port 1");
  }

  @Test
  void shouldAndRawExpressionInParentheses() {
    FilterExpression flags = builder().protocol("tcp").build();

    assertThat(flags.and(FilterExpression.raw("port 80 or port 443")).text())
        .isEqualTo("tcp and (port 80 or port 443)");
    assertThat(flags.and(FilterExpression.raw("tcp[13]&2!=0")).text()).isEqualTo("tcp and (tcp[13]&2!=0)");
    assertThat(FilterExpression.raw("  greater 1000 ").text()).isEqualTo("greater 1000");
  }

  @Test
  void shouldBuildImmutableResultsAndKeepBuilding() {
    FilterBuilder b = builder().protocol("tcp");
    FilterExpression first = b.build();
    FilterExpression second = b.port(80).build();

    assertThat(first.text()).isEqualTo("tcp");
    assertThat(second.text()).isEqualTo("tcp and port 80");
    assertThat(first).isEqualTo(FilterExpression.raw("tcp"));
  }

  @Test
  void shouldRejectPortsOutOfRange() {
    assertThatThrownBy(() -> builder().port(70000)).isInstanceOf(FilterSyntaxException.class)
        .hasMessage("port: 70000 (expected: 0-65535)");
    assertThatThrownBy(() -> builder().srcPort(-1)).hasMessage("src-port: -1 (expected: 0-65535)");
    assertThatThrownBy(() -> builder().dstPort(65536)).hasMessage("dst-port: 65536 (expected: 0-65535)");
  }

  @Test
  void shouldRejectBadPortRanges() {
    assertThatThrownBy(() -> builder().portRange(2000, 1000)).isInstanceOf(FilterSyntaxException.class)
        .hasMessage("port-range: 2000-1000 (expected: first <= last)");
    assertThatThrownBy(() -> builder().portRange(1, 70000))
        .hasMessage("port-range: 1-70000 (expected: ports 0-65535)");
    assertThatThrownBy(() -> builder().portRange("80"))
        .hasMessage("port-range: 80 (expected: FIRST-LAST, ports 0-65535)");
    assertThatThrownBy(() -> builder().portRange("1-2 or 1=1"))
        .hasMessage("port-range: 1-2 or 1=1 (expected: FIRST-LAST, ports 0-65535)");
    assertThatThrownBy(() -> builder().portRange("-5-10"))
        .hasMessage("port-range: -5-10 (expected: FIRST-LAST, ports 0-65535)");
  }

  @Test
  void shouldRejectAnythingButAnAddressAsHost() {
    assertThatThrownBy(() -> builder().host("1.2.3.4 or 1=1")).isInstanceOf(FilterSyntaxException.class)
        .hasMessage("host: 1.2.3.4 or 1=1 (expected: an IPv4 or IPv6 address)");
    assertThatThrownBy(() -> builder().srcHost("example.com"))
        .hasMessage("src-host: example.com (expected: an IPv4 or IPv6 address)");
    assertThatThrownBy(() -> builder().dstHost("256.1.1.1"))
        .hasMessage("dst-host: 256.1.1.1 (expected: an IPv4 or IPv6 address)");
    for (String bad : new String[] {"010.0.0.1", "1.2.3", "1.2.3.4.5", "1::2::3", "2001:db8::1%eth0",
        "[::1]", "1:2:3:4:5:6:7:8:9", "12345::", "1.2.3.4::", "::1.2.3", "", "gggg::1"}) {
      assertThatThrownBy(() -> builder().host(bad)).as(bad)
          .hasMessage("host: " + bad + " (expected: an IPv4 or IPv6 address)");
    }
  }

  @Test
  void shouldRejectBadNetworks() {
    assertThatThrownBy(() -> builder().net("10.0.0.0")).isInstanceOf(FilterSyntaxException.class)
        .hasMessage("net: 10.0.0.0 (expected: a network in CIDR notation, e.g. 10.0.0.0/8 or 2001:db8::/32)");
    assertThatThrownBy(() -> builder().net("10.0.0.0/33"))
        .hasMessage("net: 10.0.0.0/33 (expected: prefix length 0-32 for IPv4)");
    assertThatThrownBy(() -> builder().net("2001:db8::/129"))
        .hasMessage("net: 2001:db8::/129 (expected: prefix length 0-128 for IPv6)");
    assertThatThrownBy(() -> builder().net("10.0.0.1/8"))
        .hasMessage("net: 10.0.0.1/8 (expected: no address bits set after the prefix)");
    assertThatThrownBy(() -> builder().net("10.0.0.0/8 or 1=1"))
        .hasMessage("net: 10.0.0.0/8 or 1=1 (expected: prefix length 0-32 for IPv4)");
  }

  @Test
  void shouldRejectVlanIdOutOfRange() {
    assertThatThrownBy(() -> builder().vlan(4096)).isInstanceOf(FilterSyntaxException.class)
        .hasMessage("vlan: 4096 (expected: 0-4095)");
    assertThatThrownBy(() -> builder().vlan(-1)).hasMessage("vlan: -1 (expected: 0-4095)");
  }

  @Test
  void shouldRejectUnknownProtocol() {
    assertThatThrownBy(() -> builder().protocol("tcp or 1=1")).isInstanceOf(FilterSyntaxException.class)
        .hasMessage("protocol: tcp or 1=1 (expected: one of tcp, udp, icmp, icmp6, arp, ip, ip6, sctp)");
  }

  @Test
  void shouldRejectGroupsThatNoFrameCanMatch() {
    assertThatThrownBy(() -> builder().protocol("tcp").protocol("udp")).isInstanceOf(FilterSyntaxException.class)
        .hasMessage("filter: tcp and udp (expected: terms that one frame can match together)");
    assertThatThrownBy(() -> builder().protocol("ip6").host("10.0.0.5"))
        .hasMessage("filter: ip6 and host 10.0.0.5 (expected: terms that one frame can match together)");
    assertThatThrownBy(() -> builder().protocol("arp").port(80))
        .hasMessage("filter: arp and port 80 (expected: terms that one frame can match together)");
    assertThatThrownBy(() -> builder().not().protocol("ip").protocol("icmp"))
        .hasMessage("filter: not ip and icmp (expected: terms that one frame can match together)");
    assertThatThrownBy(() -> builder().port(22).not().port(22))
        .hasMessage("filter: port 22 and not port 22 (expected: terms that one frame can match together)");
    FilterExpression either = builder().protocol("tcp").or().protocol("udp").build();
    assertThatThrownBy(() -> builder().protocol("arp").group(either))
        .hasMessage("filter: arp and (tcp or udp) (expected: terms that one frame can match together)");
  }

  @Test
  void shouldAcceptCombinationsThatOnlyLookContradictory() {
    assertThat(builder().protocol("arp").host("10.0.0.5").build().text()).isEqualTo("arp and host 10.0.0.5");
    assertThat(builder().protocol("arp").not().protocol("tcp").build().text()).isEqualTo("arp and not tcp");
    assertThat(builder().vlan(1).vlan(2).build().text()).isEqualTo("vlan 1 and vlan 2");
    assertThat(builder().protocol("tcp").or().protocol("udp").build().text()).isEqualTo("tcp or udp");
  }

  @Test
  void shouldRefuseMisuseOfTheBuilderItself() {
    assertThatThrownBy(() -> builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessage("no terms to build");
    assertThatThrownBy(() -> builder().port(1).not().build()).hasMessage("not() must be followed by a term");
    assertThatThrownBy(() -> builder().port(1).or().build()).hasMessage("or() must be followed by a term");
  }

  @Test
  void shouldRejectBlankRawExpression() {
    assertThatThrownBy(() -> FilterExpression.raw("  ")).isInstanceOf(FilterSyntaxException.class)
        .hasMessage("filter: '' (expected: an expression)");
  }

  /**
   * Property: whatever the builder accepts, libpcap compiles for Ethernet. Groups are flat and hold at most
   * one address term: contradictions between addresses and networks ({@code net 10.0.0.0/8 and host
   * 192.168.1.1}) or hidden in nested groups are left to libpcap, which refuses them ("expression rejects all
   * packets") when the filter is checked.
   */
  @Test
  void shouldProduceOnlyExpressionsLibpcapCompiles() {
    BpfCompiler compiler = new BpfCompiler();
    long seed = Long.getLong("netanal.seed", 7);
    Random random = new Random(seed);
    int built = 0;
    int refused = 0;
    for (int i = 0; i < 1500; i++) {
      FilterBuilder b = builder();
      int terms = 1 + random.nextInt(5);
      try {
        for (int t = 0; t < terms; t++) {
          addRandomTerm(b, random, 0, t == 0);
        }
      } catch (FilterSyntaxException contradiction) {
        refused++;
        continue;
      }
      FilterExpression e = b.build();
      assertThat(compiler.compile(e.text())).as("seed %d: %s", seed, e.text()).isNotNull();
      built++;
    }
    assertThat(built).isGreaterThan(900);
    assertThat(refused).isGreaterThan(0);
  }

  private static final String[] V4 = {"10.0.0.5", "192.168.1.1", "0.0.0.0", "255.255.255.255"};
  private static final String[] V6 = {"2001:db8::1", "::1", "::", "fe80::1:2", "::ffff:192.0.2.1",
      "1:2:3:4:5:6:7:8"};
  private static final String[] NETS = {"10.0.0.0/8", "192.168.0.0/16", "0.0.0.0/0", "10.1.2.3/32",
      "2001:db8::/32", "::/0", "fe80::/10", "2001:db8::1/128"};

  private static void addRandomTerm(FilterBuilder b, Random r, int depth, boolean mayUseAddress) {
    if (r.nextInt(10) == 0 && !b.isEmpty()) {
      b.or();
    }
    if (r.nextInt(5) == 0) {
      b.not();
    }
    int choice = r.nextInt(depth > 0 ? 12 : 11);
    if (!mayUseAddress && choice >= 1 && choice <= 4) {
      choice = 0;
    }
    switch (choice) {
      case 0 -> b.protocol(FilterProtocol.values()[r.nextInt(FilterProtocol.values().length)]);
      case 1 -> b.host(r.nextBoolean() ? V4[r.nextInt(V4.length)] : V6[r.nextInt(V6.length)]);
      case 2 -> b.srcHost(r.nextBoolean() ? V4[r.nextInt(V4.length)] : V6[r.nextInt(V6.length)]);
      case 3 -> b.dstHost(r.nextBoolean() ? V4[r.nextInt(V4.length)] : V6[r.nextInt(V6.length)]);
      case 4 -> b.net(NETS[r.nextInt(NETS.length)]);
      case 5 -> b.port(r.nextInt(65536));
      case 6 -> b.srcPort(r.nextInt(65536));
      case 7 -> b.dstPort(r.nextInt(65536));
      case 8 -> {
        int first = r.nextInt(65536);
        b.portRange(first, first + r.nextInt(65536 - first));
      }
      case 9 -> b.vlan();
      case 10 -> b.vlan(r.nextInt(4096));
      default -> {
        FilterBuilder inner = builder();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
          addRandomTerm(inner, r, depth - 1, false);
        }
        b.group(inner.build());
      }
    }
  }
}
