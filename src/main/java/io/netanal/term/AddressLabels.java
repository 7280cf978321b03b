package io.netanal.term;

import io.netanal.report.NameRow;
import io.netanal.report.Report;
import java.util.HashMap;
import java.util.Map;

/**
 * The console's text for an address: the address first, then the name the report learnt for it in parentheses,
 * so a column cut to the terminal's width loses the end of the name before any of the address.
 *
 * <p>Immutable once built; made per render from the report's {@code names}.
 */
final class AddressLabels {
  private final Map<String, String> names;

  private AddressLabels(Map<String, String> names) {
    this.names = names;
  }

  static AddressLabels of(Report report) {
    Map<String, String> names = new HashMap<>();
    if (report.names() != null) {
      for (NameRow n : report.names()) {
        names.putIfAbsent(n.address(), n.name());
      }
    }
    return new AddressLabels(names);
  }

  /** {@code 192.0.2.7 (example.com)}, or the bare address when no name was learnt. */
  String label(String address) {
    String name = names.get(address);
    return name == null ? address : address + " (" + name + ")";
  }

  /** The name learnt for {@code address}, or {@code -}. */
  String name(String address) {
    return names.getOrDefault(address, "-");
  }

  /** {@code 192.0.2.7:443}, an IPv6 address in brackets before a port. */
  static String endpoint(String address, Integer port) {
    if (port == null) {
      return address;
    }
    return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
  }
}
