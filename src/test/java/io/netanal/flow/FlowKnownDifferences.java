package io.netanal.flow;

/**
 * The differences from tshark's flows that netanal makes on purpose, each with its reason; {@link #explain}
 * returns the reason for one field of one file, or null when the difference is a bug. Each rule needs evidence
 * from the file itself ({@link FileTraits}, or records the flow table split and counted), and most check the
 * direction of the difference, so a regression elsewhere still fails.
 */
final class FlowKnownDifferences {
  static final String TIMEOUT = "netanal ends a flow after Zeek's idle timeouts (TCP 5 min, UDP 1 min) and a later"
      + " packet starts a new one; tshark's tcp.stream/udp.stream never time out";
  static final String VLAN = "the same 5-tuple on two VLANs (a capture of both sides of a router) is two flows in"
      + " netanal (the key includes the VLAN) and one tcp.stream in tshark";
  static final String TUNNEL = "tunnels: tshark's fields cover the outer transport too (udp.stream of VXLAN/Geneve/"
      + "GTP/Teredo/CAPWAP, proto 41/4 as 'other'); netanal keys a flow on the innermost transport";
  static final String ICMP_ERROR = "ICMP errors: tshark's Community ID (and udp/tcp.stream) of the frame is the"
      + " quoted packet's; netanal files the error under the ICMP flow, as Zeek does";
  static final String FRAGMENTS = "IP fragments: tshark reassembles and gives the datagram's transport to the"
      + " completing frame (other fragments an address-only ID); netanal puts the first fragment in the flow";
  static final String EXTENSION_HEADERS = "IPv6 extension headers: the oracle files a frame under its first next"
      + " header (hop-by-hop 0, routing 43) as 'other'; netanal under the transport after the chain";
  static final String DECODE_PROBLEM = "malformed or truncated frames: tshark's dissectors and netanal's decoder"
      + " stop at different points, so one finds a transport (and an ID) where the other does not";
  static final String OTHER_PROTOCOLS = "netanal keeps flows for TCP, UDP, SCTP, ICMP and ICMPv6 only (Zeek's"
      + " conn.log transports); tshark gives every IP frame an ID (GRE, ESP, OSPF, ...)";
  static final String TSHARK_SPLITS = "tshark starts more tcp.stream indexes than there are connections (its port"
      + " reuse heuristic, or a conversation split mid-connection) while its Community IDs agree with netanal's";

  static final String CLOSE_GRACE = "packets more than 5 s after a connection closed (late FIN or RST"
      + " retransmissions) start a new flow, as Zeek's close delay has it; tshark keeps them in the old tcp.stream";
  static final String AH = "IPsec AH: the oracle files the frame under ip.proto 51 as 'other'; netanal under the"
      + " transport after AH";
  static final String DECODER_LIMIT = "the decoder's documented limits (see analysis.KnownDifferences): MPLS"
      + " pseudowire payloads, NHRP quotes and LWAPP tunnels are not decoded further, so tshark finds a flow netanal"
      + " does not";
  static final String IPV6_LENGTH_ZERO = "IPv6 payload length 0: tshark stops at the IPv6 header; netanal takes the"
      + " captured bytes as the payload (as segmentation offload writes it) and finds the ICMPv6 message";
  private static final java.util.Map<String, String> BY_FILE = java.util.Map.of(
      "pcapplusplus/MplsPackets.pcap", DECODER_LIMIT,
      "tcpdump-tests/nhrp-trace.pcap", DECODER_LIMIT,
      "tcpdump-tests/lwapp-data.pcap", DECODER_LIMIT,
      "tcpdump-tests/icmpv6-length-zero.pcapng", IPV6_LENGTH_ZERO);

  private FlowKnownDifferences() {}

  static final String TLS_NOT_DISSECTED = "a whole ClientHello tshark does not hand to its TLS dissector (after a"
      + " 2-byte segment, or RDP's TLS upgrade); netanal's parser reads it (see decode.app.KnownNameDifferences)";
  static final String HTTP_BODY_NEVER_COMPLETE = "an HTTP request whose body never arrives whole: tshark waits for"
      + " it and never shows the request's Host; netanal reads the request line and headers at once";
  static final String DNS_ROOT = "the root name: tshark writes \"<Root>\", netanal an empty name";
  private static final java.util.Map<String, java.util.Set<String>> NAME_FILES = java.util.Map.of(
      "ndpi/heuristic_tcp_ack_payload.pcap", java.util.Set.of("tls_sni", "ja3", "http_hosts"),
      "ndpi/rdp_over_tls.pcap", java.util.Set.of("ja3"),
      "ndpi/soap.pcap", java.util.Set.of("http_hosts"),
      "pcapplusplus/4KHttpRequests.pcap", java.util.Set.of("http_hosts"));

  /** The reason netanal names something tshark does not, or null. */
  static String explainName(String path, String field, java.util.Set<String> invented) {
    if (field.equals("dns_names") && invented.equals(java.util.Set.of(""))) {
      return DNS_ROOT;
    }
    if (NAME_FILES.getOrDefault(path, java.util.Set.of()).contains(field)) {
      return field.equals("http_hosts") ? HTTP_BODY_NEVER_COMPLETE : TLS_NOT_DISSECTED;
    }
    return null;
  }

  static String explain(String path, String field, long expected, long actual, FlowCorpusTest.Flows flows,
      boolean tcpIdsAgree) {
    FileTraits t = flows.traits();
    if (BY_FILE.containsKey(path)) {
      return BY_FILE.get(path);
    }
    if (t.ah && field.startsWith("ids.") && actual > expected) {
      return AH;
    }
    if (field.startsWith("frames.other") || field.startsWith("bytes.other")) {
      if (actual == 0) {
        return OTHER_PROTOCOLS;
      }
    }
    if (field.equals("tcpStreams") || field.equals("udpStreams")) {
      String proto = field.equals("tcpStreams") ? "tcp" : "udp";
      long splits = flows.timeoutSplits().getOrDefault(proto, 0) + flows.vlanSplits().getOrDefault(proto, 0)
          + flows.lateSplits().getOrDefault(proto, 0);
      if (actual > expected && actual - splits == expected) {
        return flows.timeoutSplits().getOrDefault(proto, 0) > 0 ? TIMEOUT
            : flows.vlanSplits().getOrDefault(proto, 0) > 0 ? VLAN : CLOSE_GRACE;
      }
      if (proto.equals("tcp") && expected > actual && tcpIdsAgree && actual - splits <= expected) {
        return TSHARK_SPLITS;
      }
    }
    if (t.tunnel) {
      return TUNNEL;
    }
    if (t.icmpError) {
      return ICMP_ERROR;
    }
    if (t.fragment) {
      return FRAGMENTS;
    }
    if (t.decodeProblem) {
      return DECODE_PROBLEM;
    }
    if (t.extensionHeaders && field.startsWith("ids.") && actual > expected) {
      return EXTENSION_HEADERS;
    }
    return null;
  }
}
