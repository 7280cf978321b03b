package io.netanal.detect;

/** The alert types netanal raises, by their {@code netanal.alert/1} names. */
public enum AlertType {
  PORT_SCAN("port-scan"),
  ADDRESS_SWEEP("address-sweep"),
  SYN_FLOOD("syn-flood"),
  UDP_FLOOD("udp-flood"),
  ICMP_FLOOD("icmp-flood"),
  DNS_AMPLIFICATION("dns-amplification"),
  BRUTE_FORCE("brute-force");

  private final String id;

  AlertType(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
