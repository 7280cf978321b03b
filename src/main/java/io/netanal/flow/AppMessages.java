package io.netanal.flow;

import io.netanal.decode.app.AppMessage;
import io.netanal.decode.app.AppMessageParser;
import io.netanal.decode.app.Detail;
import io.netanal.decode.app.DnsMessage;
import io.netanal.decode.app.HttpRequest;
import io.netanal.decode.app.HttpResponse;
import io.netanal.decode.app.TlsClientHello;
import io.netanal.decode.app.TlsServerHello;
import io.netanal.decode.app.TlsVersions;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The flow table's application metadata from the {@code decode.app} parsers: DNS queries and answers, TLS
 * ClientHello (SNI, offered ALPN, JA3) and ServerHello (version, chosen ALPN), HTTP request line, Host and
 * User-Agent, and response status, from a flow's first payload packets (no stream reassembly).
 *
 * <p>Stateless; called on the flow table's thread.
 */
public final class AppMessages implements AppMetadata {
  public static final AppMessages INSTANCE = new AppMessages();

  private AppMessages() {}

  @Override
  public void inspect(int ipProtocol, int sourcePort, int destinationPort, ByteBuffer buffer, int offset, int end,
      boolean fromOriginator, Sink flow) {
    // The parsers read arrays: the pipeline's buffers are heap buffers, whose array saves a copy.
    AppMessage message = buffer.hasArray()
        ? AppMessageParser.parse(ipProtocol, sourcePort, destinationPort, buffer.array(),
            buffer.arrayOffset() + offset, buffer.arrayOffset() + Math.min(end, buffer.limit()), Detail.FLOW)
        : AppMessageParser.parse(ipProtocol, sourcePort, destinationPort, buffer, offset, end);
    if (message instanceof DnsMessage dns) {
      if (dns.query() != null) {
        flow.dns(new FlowRecord.Dns(dns.query(), dns.qtype(), dns.response() ? dns.rcode() : -1,
            dns.response() ? dns.answers() : List.of()));
      }
    } else if (message instanceof TlsClientHello hello) {
      // The JA3 string alone: its MD5 is taken when (if ever) the record's ja3 is read.
      flow.tls(FlowRecord.Tls.withJa3Text(hello.sni(), null,
          hello.alpn().isEmpty() ? null : String.join(",", hello.alpn()), hello.ja3()));
    } else if (message instanceof TlsServerHello hello) {
      flow.tls(new FlowRecord.Tls(null, TlsVersions.name(hello.version()), hello.alpn(), null));
    } else if (message instanceof HttpRequest request) {
      flow.http(new FlowRecord.Http(request.method(), request.host(), request.uri(), 0, request.userAgent()));
    } else if (message instanceof HttpResponse response) {
      flow.http(new FlowRecord.Http(null, null, null, response.status(), null));
    }
  }
}
