package io.netanal.decode.app;

import java.nio.ByteBuffer;

/**
 * Chooses the parser for one TCP or UDP payload and runs it: the one place that says which payloads can carry
 * names, for the flow table and the corpus test alike.
 * <ul>
 *   <li>UDP to or from port 53, 5353 (mDNS) or 5355 (LLMNR): {@link DnsParser}; port 1900 (SSDP, HTTP over
 *       UDP): {@link HttpParser}.
 *   <li>TCP to or from port 53: {@link DnsParser} after the 2-byte length.
 *   <li>Any other TCP payload: {@link TlsHelloParser} when it starts with a handshake record (byte 22), else
 *       {@link HttpParser}; both check their own start, so a payload that is neither costs a byte or two.
 * </ul>
 * Stateless; any thread may call it. Like the parsers it allocates a result, so it is meant for a flow's first
 * payloads.
 */
public final class AppMessageParser {
  public static final int TCP = 6;
  public static final int UDP = 17;

  private AppMessageParser() {}

  /**
   * The message at the start of {@code buffer[offset, end)}, the payload of a segment or datagram of IP protocol
   * {@code ipProtocol} between the given ports; null when it carries none the parsers read.
   */
  public static AppMessage parse(int ipProtocol, int sourcePort, int destinationPort, ByteBuffer buffer,
      int offset, int end) {
    return ArrayView.parse(buffer, offset, end,
        (bytes, from, to) -> parse(ipProtocol, sourcePort, destinationPort, bytes, from, to));
  }

  /** As {@link #parse(int, int, int, ByteBuffer, int, int)}, from {@code bytes[offset, end)}. */
  public static AppMessage parse(int ipProtocol, int sourcePort, int destinationPort, byte[] buffer, int offset,
      int end) {
    return parse(ipProtocol, sourcePort, destinationPort, buffer, offset, end, Detail.ALL);
  }

  /** As {@link #parse(int, int, int, byte[], int, int)}, building what {@code detail} asks for. */
  public static AppMessage parse(int ipProtocol, int sourcePort, int destinationPort, byte[] buffer, int offset,
      int end, Detail detail) {
    if (ipProtocol == UDP) {
      if (isDnsPort(sourcePort) || isDnsPort(destinationPort)) {
        return DnsParser.parse(buffer, offset, end, false, detail);
      }
      return sourcePort == 1900 || destinationPort == 1900 ? HttpParser.parse(buffer, offset, end, detail) : null;
    }
    if (ipProtocol != TCP) {
      return null;
    }
    if (sourcePort == 53 || destinationPort == 53) {
      return DnsParser.parse(buffer, offset, end, true, detail);
    }
    if (offset >= 0 && offset < Math.min(end, buffer.length)
        && buffer[offset] == TlsHelloParser.CONTENT_TYPE_HANDSHAKE) {
      return TlsHelloParser.parse(buffer, offset, end, detail);
    }
    return HttpParser.parse(buffer, offset, end, detail);
  }

  private static boolean isDnsPort(int port) {
    return port == 53 || port == 5353 || port == 5355;
  }
}
