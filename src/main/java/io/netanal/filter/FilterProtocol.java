package io.netanal.filter;

import io.netanal.FilterSyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The protocols a {@link FilterBuilder} can select, each with its BPF primitive. Any thread. */
public enum FilterProtocol {
  TCP("tcp"),
  UDP("udp"),
  ICMP("icmp"),
  ICMP6("icmp6"),
  ARP("arp"),
  IP("ip"),
  IP6("ip6"),
  SCTP("sctp");

  private final String primitive;

  FilterProtocol(String primitive) {
    this.primitive = primitive;
  }

  /** The BPF primitive: {@code tcp}, {@code icmp6}, ... */
  public String primitive() {
    return primitive;
  }

  /** The protocol named by its primitive, case-insensitively; rejects any other text. */
  public static FilterProtocol of(String name) {
    for (FilterProtocol p : values()) {
      if (p.primitive.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new FilterSyntaxException("protocol: " + name + " (expected: one of "
        + Arrays.stream(values()).map(FilterProtocol::primitive).collect(Collectors.joining(", ")) + ")");
  }
}
