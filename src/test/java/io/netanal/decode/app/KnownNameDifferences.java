package io.netanal.decode.app;

import static io.netanal.decode.app.CorpusNames.DNS_NAMES;
import static io.netanal.decode.app.CorpusNames.DNS_QUERIES;
import static io.netanal.decode.app.CorpusNames.HTTP_HOSTS;
import static io.netanal.decode.app.CorpusNames.JA3;
import static io.netanal.decode.app.CorpusNames.TLS_SNI;

import java.util.Map;
import java.util.Set;

/**
 * The differences between the names the parsers find frame by frame and the names tshark finds, each with its
 * reason. {@link #explain} returns the reason for one field of one file, or null when the difference is a bug.
 *
 * <p>Every rule names its fields and the direction of the difference (names tshark has that netanal lacks, or
 * the reverse), and either its files or a property of the file that only such files have (hellos cut by their
 * segment, QUIC datagrams), so a regression elsewhere still fails the test.
 */
final class KnownNameDifferences {
  static final String QUIC = "QUIC Initial packets: tshark derives the Initial keys from the connection ID and reads"
      + " the ClientHello inside; netanal's parsers read TLS over TCP only";
  static final String TLS_INSIDE_OTHER_PROTOCOL = "TLS carried inside another protocol (OpenVPN's control channel, a"
      + " PROXY protocol header before the hello, RDP over UDP): tshark unwraps it, netanal reads TLS only at the start"
      + " of a TCP payload";
  static final String TLS_REASSEMBLY = "ClientHello split over TCP segments: tshark reassembles it; netanal reads the"
      + " first segment only, keeping a server name that arrived there but no JA3, which needs the whole hello";
  static final String TLS_MALFORMED = "malformed ClientHello (lengths past their vectors): tshark still prints a JA3"
      + " of the fields it could read; netanal gives no fingerprint for a hello it could not read whole";
  static final String TLS_NOT_DISSECTED = "a whole ClientHello tshark does not hand to TLS (after a 2-byte segment its"
      + " TCP analysis takes for out of order; after RDP's X.224 negotiation, left as TPKT continuation); netanal reads"
      + " every TCP payload that starts with a hello";
  static final String HTTP_REASSEMBLY = "HTTP request headers split over TCP segments: tshark reassembles them;"
      + " netanal reads the first segment only, so a Host header in a later segment is not seen";
  static final String HTTP_BODY_NEVER_COMPLETE = "HTTP request whose body (Content-Length) never arrives whole:"
      + " tshark waits for it and reports no fields; netanal reads the headers in the first segment";
  static final String IPCOMP = "IPComp (RFC 3173) payloads are DEFLATE-compressed: tshark inflates them, netanal"
      + " does not";
  static final String DNS_OFF_PORT = "DNS off the DNS ports (DNSCrypt certificates, DNS over TLS/HTTPS/QUIC decrypted,"
      + " a user-configured port): tshark finds it by heuristics or keys, netanal reads DNS on 53, 5353 and 5355";
  static final String UNDECODED_LINK_TYPE = "LINKTYPE_USER2 (149): tshark decodes it through a user DLT table, netanal"
      + " does not decode the link type";
  static final String IP_REASSEMBLY = "DNS messages in fragmented IPv6 datagrams: tshark reassembles them; netanal"
      + " reads the first fragment, so the questions past it are not seen";
  static final String NAME_TOO_LONG = "a name longer than 255 bytes: tshark shows it as \"<Name too long>\", netanal"
      + " drops the malformed name";
  static final String ROOT = "the root name: tshark writes \"<Root>\", netanal an empty name";

  /** Fields about TLS over TCP. */
  private static final Set<String> TLS = Set.of(TLS_SNI, JA3);
  private static final Set<String> DNS = Set.of(DNS_QUERIES, DNS_NAMES);

  private static final Map<String, String> TLS_FILES = Map.of(
      "ndpi/443-opvn.pcap", TLS_INSIDE_OTHER_PROTOCOL, // OpenVPN over TCP 1194
      "ndpi/openvpn.pcap", TLS_INSIDE_OTHER_PROTOCOL, // OpenVPN over TCP and UDP 1194
      "ndpi/openvpn_nohmac_tcp.pcapng", TLS_INSIDE_OTHER_PROTOCOL,
      "ndpi/haproxy.pcap", TLS_INSIDE_OTHER_PROTOCOL, // PROXY v1 line, then the hello in the same segment
      "ndpi/rdp2.pcap", TLS_INSIDE_OTHER_PROTOCOL, // RDP-UDP
      "ndpi/tls_cipher_lens.pcap", TLS_MALFORMED,
      "ndpi/tls_invalid_reads.pcap", TLS_MALFORMED);

  private static final Map<String, String> MORE_TLS_FILES = Map.of(
      "ndpi/heuristic_tcp_ack_payload.pcap", TLS_NOT_DISSECTED,
      "ndpi/rdp_over_tls.pcap", TLS_NOT_DISSECTED);

  private static final Set<String> HTTP_BODY_FILES = Set.of(
      "pcapplusplus/4KHttpRequests.pcap", // POSTs cut by the capture
      "ndpi/soap.pcap", // a POST after an out-of-order segment
      "ndpi/heuristic_tcp_ack_payload.pcap"); // a request after a 2-byte segment

  private static final Map<String, String> DNS_FILES = Map.of(
      "ndpi/avast_securedns.pcapng", DNS_OFF_PORT, // TCP/UDP 443
      "ndpi/custom_rules_ipv6.pcapng", DNS_OFF_PORT, // UDP 5333
      "ndpi/dnscrypt-v1-and-resolver-pings.pcap", DNS_OFF_PORT, // UDP 443, 1053, 1443
      "tcpdump-tests/LINKTYPE_USER2_PKTAP.pcap", UNDECODED_LINK_TYPE,
      "pcapplusplus/ip6_fragments.pcap", IP_REASSEMBLY);

  private KnownNameDifferences() {}

  /**
   * Why {@code field} of {@code path} differs: {@code missing} are tshark's names netanal lacks, {@code extra}
   * netanal's names tshark lacks, {@code found} what the parsers saw in the file.
   */
  static String explain(String path, String field, Set<String> missing, Set<String> extra, CorpusNames found) {
    boolean fewer = extra.isEmpty() && !missing.isEmpty();
    boolean more = missing.isEmpty() && !extra.isEmpty();
    if (TLS.contains(field)) {
      return tls(path, field, fewer, more, found);
    }
    if (DNS.contains(field)) {
      return dns(path, field, missing, extra, fewer);
    }
    if (field.equals(HTTP_HOSTS)) {
      if (fewer && path.startsWith("libpcap-tests/AH-IPcomp-")) {
        return IPCOMP;
      }
      if (fewer && found.incompleteHttpRequests > 0) {
        return HTTP_REASSEMBLY;
      }
      return more && HTTP_BODY_FILES.contains(path) ? HTTP_BODY_NEVER_COMPLETE : null;
    }
    return null;
  }

  private static String tls(String path, String field, boolean fewer, boolean more, CorpusNames found) {
    if (more) {
      return MORE_TLS_FILES.get(path);
    }
    if (!fewer) {
      return null;
    }
    String reason = TLS_FILES.get(path);
    if (reason != null) {
      return reason;
    }
    if (found.quicLongHeaders > 0) {
      return QUIC;
    }
    // A split hello keeps its server name when it arrived in the first segment, so only the JA3 goes missing.
    return field.equals(JA3) && found.incompleteClientHellos > 0 ? TLS_REASSEMBLY : null;
  }

  private static String dns(String path, String field, Set<String> missing, Set<String> extra, boolean fewer) {
    if (missing.equals(Set.of("<root>")) && extra.equals(Set.of(""))) {
      return ROOT;
    }
    if (fewer && missing.equals(Set.of("<name too long>"))) {
      return NAME_TOO_LONG;
    }
    return fewer ? DNS_FILES.get(path) : null;
  }
}
