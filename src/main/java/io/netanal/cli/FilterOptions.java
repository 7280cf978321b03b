package io.netanal.cli;

import io.netanal.capture.BpfCompiler;
import io.netanal.filter.FilterBuilder;
import io.netanal.filter.FilterExpression;
import io.netanal.filter.FilterProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The filter flags shared by {@code capture}, {@code analyze} and {@code filter} (DESIGN.md section 1), as a
 * picocli mixin.
 *
 * <p>Used by the command's thread. How flags combine: protocol flags are {@code or}-ed ({@code (tcp or udp)});
 * repeated values of one flag are {@code or}-ed ({@code --host A --host B}: either host); {@code --not-host}
 * and {@code --not-port} exclude every value given; different flags are {@code and}-ed, with {@code vlan}
 * first because it moves the offsets of what follows; a raw {@code -f} is {@code and}-ed last, in parentheses.
 */
public final class FilterOptions {
  @Option(names = "--tcp", description = "TCP frames (protocol flags are or-ed).") boolean tcp;
  @Option(names = "--udp", description = "UDP frames.") boolean udp;
  @Option(names = "--icmp", description = "ICMP frames.") boolean icmp;
  @Option(names = "--arp", description = "ARP frames.") boolean arp;
  @Option(names = "--ip", description = "IPv4 frames.") boolean ip;
  @Option(names = "--ip6", description = "IPv6 frames.") boolean ip6;

  @Option(names = "--host", paramLabel = "A", description = "From or to address A (repeat: any of them).")
  List<String> hosts = new ArrayList<>();
  @Option(names = "--src-host", paramLabel = "A", description = "From address A.")
  List<String> srcHosts = new ArrayList<>();
  @Option(names = "--dst-host", paramLabel = "A", description = "To address A.")
  List<String> dstHosts = new ArrayList<>();
  @Option(names = "--net", paramLabel = "CIDR", description = "From or to a network, e.g. 10.0.0.0/8.")
  List<String> nets = new ArrayList<>();
  @Option(names = "--port", paramLabel = "P", description = "TCP/UDP/SCTP port P, either side.")
  List<Integer> ports = new ArrayList<>();
  @Option(names = "--src-port", paramLabel = "P", description = "Source port P.")
  List<Integer> srcPorts = new ArrayList<>();
  @Option(names = "--dst-port", paramLabel = "P", description = "Destination port P.")
  List<Integer> dstPorts = new ArrayList<>();
  @Option(names = "--port-range", paramLabel = "A-B", description = "A port in A-B, either side.")
  List<String> portRanges = new ArrayList<>();
  @Option(names = "--vlan", arity = "0..1", paramLabel = "ID", fallbackValue = "-1",
      description = "802.1Q-tagged frames, of VLAN ID if given.")
  Integer vlan;
  @Option(names = "--not-host", paramLabel = "A", description = "Neither from nor to address A.")
  List<String> notHosts = new ArrayList<>();
  @Option(names = "--not-port", paramLabel = "P", description = "Not port P on either side.")
  List<Integer> notPorts = new ArrayList<>();
  @Option(names = {"-f", "--filter"}, paramLabel = "EXPR", description = "A BPF expression (tcpdump syntax).")
  String raw;

  /** The flags and {@code -f} as one expression, or empty when none was given; validates the flags. */
  public Optional<FilterExpression> expression() {
    FilterBuilder b = new FilterBuilder();
    if (vlan != null) {
      if (vlan == -1) {
        b.vlan();
      } else {
        b.vlan(vlan);
      }
    }
    List<FilterProtocol> protocols = new ArrayList<>();
    addIf(protocols, tcp, FilterProtocol.TCP);
    addIf(protocols, udp, FilterProtocol.UDP);
    addIf(protocols, icmp, FilterProtocol.ICMP);
    addIf(protocols, arp, FilterProtocol.ARP);
    addIf(protocols, ip, FilterProtocol.IP);
    addIf(protocols, ip6, FilterProtocol.IP6);
    anyOf(b, protocols, FilterBuilder::protocol);
    anyOf(b, hosts, FilterBuilder::host);
    anyOf(b, srcHosts, FilterBuilder::srcHost);
    anyOf(b, dstHosts, FilterBuilder::dstHost);
    anyOf(b, nets, FilterBuilder::net);
    anyOf(b, ports, FilterBuilder::port);
    anyOf(b, srcPorts, FilterBuilder::srcPort);
    anyOf(b, dstPorts, FilterBuilder::dstPort);
    anyOf(b, portRanges, FilterBuilder::portRange);
    notHosts.forEach(h -> b.not().host(h));
    notPorts.forEach(p -> b.not().port(p));
    Optional<FilterExpression> flags = b.isEmpty() ? Optional.empty() : Optional.of(b.build());
    if (raw == null) {
      return flags;
    }
    FilterExpression rawExpression = FilterExpression.raw(raw);
    return Optional.of(flags.map(f -> f.and(rawExpression)).orElse(rawExpression));
  }

  /**
   * {@link #expression()}, compiled once by libpcap for Ethernet so that a bad {@code -f} fails before any
   * capture or analysis starts, with libpcap's message and the expression.
   */
  public Optional<FilterExpression> checkedExpression() {
    Optional<FilterExpression> e = expression();
    e.ifPresent(x -> new BpfCompiler().compile(x.text()));
    return e;
  }

  private static <T> void addIf(List<T> list, boolean flag, T value) {
    if (flag) {
      list.add(value);
    }
  }

  private interface Term<T> {
    void add(FilterBuilder b, T value);
  }

  /** Adds the values as one term: itself when alone, an or-ed group when several. */
  private static <T> void anyOf(FilterBuilder b, List<T> values, Term<T> term) {
    if (values.size() == 1) {
      term.add(b, values.get(0));
    } else if (values.size() > 1) {
      FilterBuilder either = new FilterBuilder();
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          either.or();
        }
        term.add(either, values.get(i));
      }
      b.group(either.build());
    }
  }
}
