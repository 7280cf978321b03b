package io.netanal.flow;

import java.nio.ByteBuffer;

/**
 * The flow table's hook for application metadata: shown a flow's first few payload packets (DNS, TLS hellos, HTTP
 * request and status lines live there), it reports what it parsed to the flow. The flow table calls it on its own
 * thread; the buffer is valid only during the call.
 */
@FunctionalInterface
public interface AppMetadata {
  /** No application metadata. */
  AppMetadata NONE = (ipProtocol, sourcePort, destinationPort, buffer, offset, end, fromOriginator, flow) -> {};

  /**
   * @param ipProtocol the transport's IP protocol number (6 TCP, 17 UDP, 132 SCTP)
   * @param sourcePort this packet's source port
   * @param offset where the transport payload starts in {@code buffer}
   * @param end end (exclusive) of its captured bytes
   */
  void inspect(int ipProtocol, int sourcePort, int destinationPort, ByteBuffer buffer, int offset, int end,
      boolean fromOriginator, Sink flow);

  /** Where parsed metadata goes: the flow being inspected. */
  interface Sink {
    void dns(FlowRecord.Dns transaction);

    void tls(FlowRecord.Tls hello);

    void http(FlowRecord.Http exchange);
  }
}
