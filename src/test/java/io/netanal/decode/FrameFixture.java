package io.netanal.decode;

/**
 * Builds {@link DecodedFrame}s field by field for tests of what consumes decoded frames (statistics, flows,
 * windows), without bytes: the decoder's package-private setters, exposed to tests only.
 *
 * <p>{@code new FrameFixture().withIpv4(a, b).withTransport(6, 40000, 443, 0x02).frame()}; or
 * {@link #on(DecodedFrame)} to fill a reused frame.
 */
public final class FrameFixture {
  private final DecodedFrame frame;

  /** A fresh, reset frame. */
  public FrameFixture() {
    this(new DecodedFrame());
    frame.reset();
  }

  private FrameFixture(DecodedFrame frame) {
    this.frame = frame;
  }

  /** Fills {@code frame} as it is (reset it first for a new frame). */
  public static FrameFixture on(DecodedFrame frame) {
    return new FrameFixture(frame);
  }

  public DecodedFrame frame() {
    return frame;
  }

  public FrameFixture withProtocol(int id) {
    frame.addProtocol(id);
    return this;
  }

  public FrameFixture withIpv4(int source, int destination) {
    frame.addIpv4(source, destination);
    return this;
  }

  public FrameFixture withIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
    frame.addIpv6(sourceHigh, sourceLow, destinationHigh, destinationLow);
    return this;
  }

  /** Where the last IP header starts and the length it declares. */
  public FrameFixture withIpExtent(int offset, int length) {
    frame.ipExtent(offset, length);
    return this;
  }

  public FrameFixture withVlan(int id) {
    frame.vlan(id);
    return this;
  }

  /** The transport header of the last IP layer; {@code tcpFlags} {@link DecodedFrame#NONE} without TCP. */
  public FrameFixture withTransport(int protocol, int sourcePort, int destinationPort, int tcpFlags) {
    frame.transport(protocol, sourcePort, destinationPort);
    frame.tcpFlags(tcpFlags);
    return this;
  }

  public FrameFixture withTcp(int flags, int sequence, int acknowledgment, int window) {
    frame.tcp(flags, sequence, acknowledgment, window);
    return this;
  }

  public FrameFixture withPayload(int offset, int end) {
    frame.payload(offset, end);
    return this;
  }

  public FrameFixture withIcmp(int type, int code) {
    frame.icmp(type, code);
    return this;
  }

  public FrameFixture withStatus(int status) {
    frame.status = (byte) status;
    return this;
  }
}
