package io.netanal.flow;

/**
 * A {@link FlowListener} that reads of each ended flow only a few numbers (the windows: a TCP flow's start,
 * originator, retransmissions and round trip), which can then be carried to it without the flow's
 * {@link FlowRecord}: across threads, where the {@link EndedFlow} view cannot go. Called on the thread that
 * delivers to the listener.
 */
public interface FlowTimingListener extends FlowListener {
  /**
   * The numbers of an ended flow, as its record has them: {@code rttMillis} is NaN when unknown (the record's
   * null); {@code ipVersion} 0 when the originator is no address literal.
   */
  void flowTiming(long tsNanos, int ipProtocol, int ipVersion, long origAddressHigh, long origAddressLow,
      long origRetransmissions, double rttMillis);
}
