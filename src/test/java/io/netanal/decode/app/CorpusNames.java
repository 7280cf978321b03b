package io.netanal.decode.app;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.FrameDecoder;
import io.netanal.pcap.CaptureFileReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names the three parsers find in one capture, frame by frame and without reassembly, gathered into the
 * per-file sets of {@code flows-oracle.jsonl}: {@code tls_sni}, {@code ja3}, {@code dns_queries},
 * {@code dns_names} and {@code http_hosts}. Also counts what the known differences need to tell a name lost to
 * a cut from a bug: hellos and DNS messages that were not complete within their segment.
 *
 * <p>The payload is where {@link FrameDecoder} says it is ({@link DecodedFrame#payloadOffset()},
 * {@link DecodedFrame#payloadEnd()}); which parser sees it is {@link AppMessageParser}'s choice, as in the flow
 * table.
 */
final class CorpusNames {
  static final String TLS_SNI = "tls_sni";
  static final String JA3 = "ja3";
  static final String DNS_QUERIES = "dns_queries";
  static final String DNS_NAMES = "dns_names";
  static final String HTTP_HOSTS = "http_hosts";
  static final Set<String> FIELDS = Set.of(TLS_SNI, JA3, DNS_QUERIES, DNS_NAMES, HTTP_HOSTS);

  final Map<String, TreeSet<String>> names = new LinkedHashMap<>();
  /** ClientHellos cut by their segment, and handshake record headers with no room for a hello. */
  int incompleteClientHellos;
  int incompleteDnsMessages;
  int incompleteHttpRequests;
  /** UDP datagrams with a QUIC long header (RFC 9000 17.2) of a non-zero version: Initial packets carry a hello. */
  int quicLongHeaders;

  /** Copies of payloads a parser recognised, up to {@link #samplesPerKind} each for DNS, TLS and HTTP. */
  final List<byte[]> samples = new ArrayList<>();

  private final FrameDecoder decoder = new FrameDecoder();
  private final DecodedFrame frame = new DecodedFrame();
  private final int samplesPerKind;
  private final int[] sampled = new int[3];

  private CorpusNames(int samplesPerKind) {
    this.samplesPerKind = samplesPerKind;
    for (String field : new String[] {TLS_SNI, JA3, DNS_QUERIES, DNS_NAMES, HTTP_HOSTS}) {
      names.put(field, new TreeSet<>());
    }
  }

  static CorpusNames read(Path file) throws IOException {
    return read(file, 0);
  }

  /** Reads {@code file}, keeping up to {@code samplesPerKind} recognised payloads of each kind in {@link #samples}. */
  static CorpusNames read(Path file, int samplesPerKind) throws IOException {
    CorpusNames found = new CorpusNames(samplesPerKind);
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      reader.read((linkType, timestampNanos, capturedLength, originalLength, buffer, offset) ->
          found.frame(linkType, buffer, offset, capturedLength));
    }
    return found;
  }

  private void frame(int linkType, ByteBuffer buffer, int offset, int capturedLength) {
    decoder.decode(linkType, buffer, offset, capturedLength, frame);
    int protocol = frame.transportProtocol();
    int from = frame.payloadOffset();
    int to = frame.payloadEnd();
    if ((protocol != AppMessageParser.TCP && protocol != AppMessageParser.UDP) || from == DecodedFrame.NONE
        || to <= from) {
      return;
    }
    AppMessage message = AppMessageParser.parse(protocol, frame.sourcePort(), frame.destinationPort(), buffer,
        from, to);
    if (message != null && sampled[kind(message)] < samplesPerKind) {
      // Over TCP a DNS sample keeps its length prefix: the mutation test parses every sample both ways.
      sampled[kind(message)]++;
      byte[] copy = new byte[to - from];
      buffer.get(from, copy);
      samples.add(copy);
    }
    if (message instanceof DnsMessage dns) {
      dns(dns);
    } else if (message instanceof TlsClientHello hello) {
      tls(hello);
    } else if (message instanceof HttpRequest request) {
      http(request);
    } else if (message == null && protocol == AppMessageParser.UDP && to - from >= 5
        && (buffer.get(from) & 0xC0) == 0xC0 && buffer.getInt(from + 1) != 0) {
      quicLongHeaders++;
    } else if (message == null && protocol == AppMessageParser.TCP
        && to - from < TlsHelloParser.RECORD_HEADER_SIZE + 6
        && buffer.get(from) == TlsHelloParser.CONTENT_TYPE_HANDSHAKE) {
      incompleteClientHellos++; // a handshake record's header alone: the hello is in the next segment
    }
  }

  private static int kind(AppMessage message) {
    return message instanceof DnsMessage ? 0 : message instanceof TlsHello ? 1 : 2;
  }

  private void dns(DnsMessage message) {
    if (!message.complete()) {
      incompleteDnsMessages++;
    }
    names.get(DNS_NAMES).addAll(message.questions());
    if (!message.response()) {
      names.get(DNS_QUERIES).addAll(message.questions());
    }
  }

  private void tls(TlsClientHello client) {
    if (!client.complete()) {
      incompleteClientHellos++;
    }
    if (client.sni() != null) {
      names.get(TLS_SNI).add(client.sni());
    }
    if (client.ja3Hash() != null) {
      names.get(JA3).add(client.ja3Hash());
    }
  }

  private void http(HttpRequest request) {
    if (!request.complete()) {
      incompleteHttpRequests++;
    }
    if (request.host() != null) {
      names.get(HTTP_HOSTS).add(request.host());
    }
  }
}
