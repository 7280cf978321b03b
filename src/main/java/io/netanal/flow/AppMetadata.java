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
  AppMetadata NONE = (buffer, offset, end, service, fromOriginator, flow) -> {};

  /**
   * @param offset where the transport payload starts in {@code buffer}
   * @param end end (exclusive) of its captured bytes
   * @param service the {@link io.netanal.decode.Protocol} id the decoder named for this packet's payload, or -1
   */
  void inspect(ByteBuffer buffer, int offset, int end, int service, boolean fromOriginator, Sink flow);

  /** Where parsed metadata goes: the flow being inspected. */
  interface Sink {
    void dns(FlowRecord.Dns transaction);

    void tls(FlowRecord.Tls hello);

    void http(FlowRecord.Http exchange);
  }
}
