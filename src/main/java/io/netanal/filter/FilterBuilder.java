package io.netanal.filter;

import io.netanal.FilterSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a BPF expression from validated parts, so that no text a user types can change the expression's
 * structure: every value is checked where it enters and only then written into the expression.
 *
 * <p>One thread builds; the result, a {@link FilterExpression}, is immutable. Terms are {@code and}-ed;
 * {@link #or()} closes the current {@code and}-group and starts another, and groups with more than one term are
 * parenthesized ({@code (tcp and port 443) or (udp and port 53)}). {@link #not()} negates the next term.
 * {@link #group(FilterExpression)} adds a whole expression as one term, in parentheses when it has operators.
 *
 * <p>libpcap's {@code vlan} moves the offsets of every primitive that follows it, so within a group the
 * builder writes {@code vlan} terms first ({@code vlan 100 and tcp}), as tcpdump users must. The shift also
 * reaches later {@code or} alternatives; a group without {@code vlan} after one with it is read at VLAN
 * offsets, which is libpcap's rule, not the builder's.
 */
public final class FilterBuilder {
  private final List<List<String>> groups = new ArrayList<>();
  private final List<String> vlanTerms = new ArrayList<>();
  private final List<String> terms = new ArrayList<>();
  private boolean negateNext;
  // What the current group can still match (see Matches), and what the closed groups can match together.
  private int families = Matches.ALL_FAMILIES;
  private int transports = Matches.ALL_TRANSPORTS;
  private int excludedTransports;
  private Endpoints endpoints = new Endpoints();
  private int builtFamilies;
  private int builtTransports;

  /** Selects frames of a protocol: {@code tcp}, {@code ip6}, ... */
  public FilterBuilder protocol(FilterProtocol protocol) {
    if (negateNext) {
      return term(protocol.primitive(), ~Matches.familiesExcludedByNot(protocol), Matches.ALL_TRANSPORTS,
          Matches.transportsExcludedByNot(protocol));
    }
    return term(protocol.primitive(), Matches.families(protocol), Matches.transports(protocol), 0);
  }

  /** Selects frames of a protocol named by its primitive ({@code "tcp"}); rejects any other name. */
  public FilterBuilder protocol(String name) {
    return protocol(FilterProtocol.of(name));
  }

  /** Frames from or to an IPv4 or IPv6 address. */
  public FilterBuilder host(String address) {
    return valueTerm(Endpoints.EITHER_HOST, address("host", address), "host ");
  }

  /** Frames from an IPv4 or IPv6 address. */
  public FilterBuilder srcHost(String address) {
    return valueTerm(Endpoints.SRC_HOST, address("src-host", address), "src host ");
  }

  /** Frames to an IPv4 or IPv6 address. */
  public FilterBuilder dstHost(String address) {
    return valueTerm(Endpoints.DST_HOST, address("dst-host", address), "dst host ");
  }

  /** Frames from or to a network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). */
  public FilterBuilder net(String cidr) {
    return addressTerm("net ", cidr("net", cidr));
  }

  /** TCP, UDP or SCTP frames from or to a port. */
  public FilterBuilder port(int port) {
    return valueTerm(Endpoints.EITHER_PORT, String.valueOf(port("port", port)), "port ");
  }

  /** TCP, UDP or SCTP frames from a port. */
  public FilterBuilder srcPort(int port) {
    return valueTerm(Endpoints.SRC_PORT, String.valueOf(port("src-port", port)), "src port ");
  }

  /** TCP, UDP or SCTP frames to a port. */
  public FilterBuilder dstPort(int port) {
    return valueTerm(Endpoints.DST_PORT, String.valueOf(port("dst-port", port)), "dst port ");
  }

  /** TCP, UDP or SCTP frames from or to a port in {@code [first, last]}. */
  public FilterBuilder portRange(int first, int last) {
    String range = first + "-" + last;
    if (first < 0 || first > 65535 || last < 0 || last > 65535) {
      throw new FilterSyntaxException("port-range: " + range + " (expected: ports 0-65535)");
    }
    if (first > last) {
      throw new FilterSyntaxException("port-range: " + range + " (expected: first <= last)");
    }
    return portTerm("portrange " + range);
  }

  /** A port range as text, {@code "1024-65535"}. */
  public FilterBuilder portRange(String range) {
    int dash = range == null ? -1 : range.indexOf('-', 1);
    int first = dash < 0 ? -1 : parsePort(range.substring(0, dash));
    int last = dash < 0 ? -1 : parsePort(range.substring(dash + 1));
    if (first < 0 || last < 0) {
      throw new FilterSyntaxException("port-range: " + range + " (expected: FIRST-LAST, ports 0-65535)");
    }
    return portRange(first, last);
  }

  /** 802.1Q-tagged frames, any VLAN. Written before the group's other terms (see the class note). */
  public FilterBuilder vlan() {
    return vlanTerm("vlan");
  }

  /** 802.1Q-tagged frames of one VLAN id. */
  public FilterBuilder vlan(int id) {
    if (id < 0 || id > 4095) {
      throw new FilterSyntaxException("vlan: " + id + " (expected: 0-4095)");
    }
    return vlanTerm("vlan " + id);
  }

  /** Adds a whole expression as one term, parenthesized when it has operators. */
  public FilterBuilder group(FilterExpression expression) {
    if (negateNext) {
      return term(expression.parenthesized(), Matches.ALL_FAMILIES, Matches.ALL_TRANSPORTS, 0);
    }
    return term(expression.parenthesized(), expression.families(), expression.transports(), 0);
  }

  /** Negates the next term; twice cancels. */
  public FilterBuilder not() {
    negateNext = !negateNext;
    return this;
  }

  /** Ends the current {@code and}-group; the next terms form another, {@code or}-ed with it. */
  public FilterBuilder or() {
    List<String> group = currentGroup();
    groups.add(group);
    builtFamilies |= families;
    builtTransports |= effectiveTransports();
    vlanTerms.clear();
    terms.clear();
    families = Matches.ALL_FAMILIES;
    transports = Matches.ALL_TRANSPORTS;
    excludedTransports = 0;
    endpoints = new Endpoints();
    return this;
  }

  /** True when no term has been added yet. */
  public boolean isEmpty() {
    return groups.isEmpty() && terms.isEmpty() && vlanTerms.isEmpty();
  }

  /** The expression built so far; the builder may go on to build longer ones. */
  public FilterExpression build() {
    List<List<String>> all = new ArrayList<>(groups);
    all.add(currentGroup());
    int f = builtFamilies | families;
    int t = builtTransports | effectiveTransports();
    if (all.size() == 1) {
      return new FilterExpression(String.join(" and ", all.get(0)), f, t);
    }
    List<String> alternatives = new ArrayList<>();
    for (List<String> group : all) {
      alternatives.add(group.size() == 1 ? group.get(0) : "(" + String.join(" and ", group) + ")");
    }
    return new FilterExpression(String.join(" or ", alternatives), f, t);
  }

  private FilterBuilder addressTerm(String keyword, String address) {
    int family = address.indexOf(':') >= 0 ? Matches.IPV6 : Matches.IPV4 | Matches.ARP;
    if (!negateNext) {
      return term(keyword + address, family, Matches.ALL_TRANSPORTS, 0);
    }
    // "not net ::/0" excludes a whole family; any other negated address excludes some frames of it
    return term(keyword + address, address.endsWith("/0") ? ~family : Matches.ALL_FAMILIES,
        Matches.ALL_TRANSPORTS, 0);
  }

  /** A host or port term: also checked against the group's other values of the same kind (see Endpoints). */
  private FilterBuilder valueTerm(int kind, String value, String keyword) {
    boolean negated = negateNext;
    if (!endpoints.admits(kind, value, negated)) {
      throw new FilterSyntaxException("filter: " + String.join(" and ", withTerm((negated ? "not " : "")
          + keyword + value)) + " (expected: terms that one frame can match together)");
    }
    if (kind == Endpoints.EITHER_PORT || kind == Endpoints.SRC_PORT || kind == Endpoints.DST_PORT) {
      portTerm(keyword + value);
    } else {
      addressTerm(keyword, value);
    }
    endpoints.add(kind, value, negated);
    return this;
  }

  private FilterBuilder portTerm(String primitive) {
    return negateNext ? term(primitive, Matches.ALL_FAMILIES, Matches.ALL_TRANSPORTS, 0)
        : term(primitive, Matches.IP, Matches.PORTS, 0);
  }

  private FilterBuilder vlanTerm(String primitive) {
    String text = negated(primitive);
    checkNotContradicting(text);
    vlanTerms.add(text);
    return this;
  }

  /**
   * Adds a term that matches only frames in {@code termFamilies} carrying {@code termTransports} and none of
   * {@code termExcluded}; refuses it when no frame could then match the group.
   */
  private FilterBuilder term(String primitive, int termFamilies, int termTransports, int termExcluded) {
    String text = negated(primitive);
    checkNotContradicting(text);
    int f = families & termFamilies;
    int t = transports & termTransports;
    int x = excludedTransports | termExcluded;
    boolean constrained = t != Matches.ALL_TRANSPORTS;
    if (!Matches.satisfiable(f, t) || constrained && (t & ~x) == 0) {
      throw new FilterSyntaxException("filter: " + String.join(" and ", withTerm(text))
          + " (expected: terms that one frame can match together)");
    }
    families = f;
    transports = t;
    excludedTransports = x;
    terms.add(text);
    return this;
  }

  private void checkNotContradicting(String text) {
    String opposite = text.startsWith("not ") ? text.substring(4) : "not " + text;
    if (terms.contains(opposite) || vlanTerms.contains(opposite)) {
      throw new FilterSyntaxException("filter: " + String.join(" and ", withTerm(text))
          + " (expected: terms that one frame can match together)");
    }
  }

  private List<String> withTerm(String text) {
    List<String> group = new ArrayList<>(vlanTerms);
    group.addAll(terms);
    group.add(text);
    return group;
  }

  private int effectiveTransports() {
    return transports == Matches.ALL_TRANSPORTS ? transports : transports & ~excludedTransports;
  }

  private String negated(String primitive) {
    if (!negateNext) {
      return primitive;
    }
    negateNext = false;
    return "not " + primitive;
  }

  private List<String> currentGroup() {
    if (negateNext) {
      throw new IllegalStateException("not() must be followed by a term");
    }
    if (vlanTerms.isEmpty() && terms.isEmpty()) {
      throw new IllegalStateException(groups.isEmpty() ? "no terms to build" : "or() must be followed by a term");
    }
    List<String> group = new ArrayList<>(vlanTerms);
    group.addAll(terms);
    return List.copyOf(group);
  }

  private static String address(String what, String text) {
    if (IpAddressText.parse(text) == null) {
      throw new FilterSyntaxException(what + ": " + text + " (expected: an IPv4 or IPv6 address)");
    }
    return text;
  }

  private static String cidr(String what, String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    byte[] address = slash < 0 ? null : IpAddressText.parse(text.substring(0, slash));
    if (address == null) {
      throw new FilterSyntaxException(what + ": " + text
          + " (expected: a network in CIDR notation, e.g. 10.0.0.0/8 or 2001:db8::/32)");
    }
    int bits = address.length * 8;
    int prefix = parseDecimal(text.substring(slash + 1), bits);
    if (prefix < 0) {
      throw new FilterSyntaxException(what + ": " + text + " (expected: prefix length 0-" + bits + " for IPv"
          + (bits == 32 ? 4 : 6) + ")");
    }
    for (int bit = prefix; bit < bits; bit++) {
      if ((address[bit >> 3] & (0x80 >> (bit & 7))) != 0) {
        // libpcap refuses it too ("non-network bits set"); say so before it does
        throw new FilterSyntaxException(what + ": " + text + " (expected: no address bits set after the prefix)");
      }
    }
    return text;
  }

  private static int port(String what, int port) {
    if (port < 0 || port > 65535) {
      throw new FilterSyntaxException(what + ": " + port + " (expected: 0-65535)");
    }
    return port;
  }

  private static int parsePort(String text) {
    return parseDecimal(text, 65535);
  }

  /** A decimal number in {@code [0, max]} with at most 5 digits, or -1. */
  private static int parseDecimal(String text, int max) {
    if (text.isEmpty() || text.length() > 5) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= max ? value : -1;
  }
}
