package io.netanal.flow;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.FrameFixture;
import io.netanal.decode.Protocol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a {@link FlowTable} packets described by their fields (DecodedFrame-level fixtures: addresses, ports,
 * TCP flags, sequence numbers, payload length), one per call, and collects the records it ends.
 * Time is given in milliseconds from an arbitrary start.
 */
final class Traffic {
  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int PSH = 0x08;
  static final int ACK = 0x10;
  private static final long START = 1_700_000_000_000_000_000L;
  private static final int IPV4_HEADER = 20;
  private static final int TCP_HEADER = 20;
  private static final int UDP_HEADER = 8;
  private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0);

  final List<FlowRecord> records = new ArrayList<>();
  final FlowTable table;
  private final DecodedFrame frame = new DecodedFrame();
  private int window = 65535;

  Traffic() {
    this(FlowTableOptions.forFile("test.pcap", FlowTableOptions.DEFAULT_MAX_FLOWS));
  }

  Traffic(FlowTableOptions options) {
    table = new FlowTable(options, records::add);
  }

  /** Traffic whose ended flows go to {@code listener} (not into {@link #records}). */
  Traffic(FlowListener listener) {
    table = new FlowTable(FlowTableOptions.forFile("test.pcap", FlowTableOptions.DEFAULT_MAX_FLOWS), listener);
  }

  /** The TCP window of the next segments. */
  Traffic window(int window) {
    this.window = window;
    return this;
  }

  /** One TCP segment of {@code length} payload bytes. */
  Traffic tcp(long millis, String source, int sourcePort, String destination, int destinationPort, int flags,
      long sequence, long acknowledgment, int length) {
    frame.reset();
    FrameFixture.on(frame).withProtocol(Protocol.IP).withProtocol(Protocol.TCP)
        .withIpv4(ipv4(source), ipv4(destination)).withIpExtent(0, IPV4_HEADER + TCP_HEADER + length)
        .withTransport(6, sourcePort, destinationPort, flags)
        .withTcp(flags, (int) sequence, (int) acknowledgment, window)
        .withPayload(IPV4_HEADER + TCP_HEADER, IPV4_HEADER + TCP_HEADER); // payload not captured: no bytes needed
    feed(millis, IPV4_HEADER + TCP_HEADER + length);
    return this;
  }

  Traffic udp(long millis, String source, int sourcePort, String destination, int destinationPort, int length) {
    frame.reset();
    FrameFixture.on(frame).withProtocol(Protocol.IP).withProtocol(Protocol.UDP)
        .withIpv4(ipv4(source), ipv4(destination)).withIpExtent(0, IPV4_HEADER + UDP_HEADER + length)
        .withTransport(17, sourcePort, destinationPort, DecodedFrame.NONE)
        .withPayload(IPV4_HEADER + UDP_HEADER, IPV4_HEADER + UDP_HEADER);
    feed(millis, IPV4_HEADER + UDP_HEADER + length);
    return this;
  }

  Traffic icmp(long millis, String source, String destination, int type, int code) {
    frame.reset();
    FrameFixture.on(frame).withProtocol(Protocol.IP).withProtocol(Protocol.ICMP)
        .withIpv4(ipv4(source), ipv4(destination)).withIpExtent(0, IPV4_HEADER + 8).withIcmp(type, code);
    feed(millis, IPV4_HEADER + 8);
    return this;
  }

  /** Ends the input: the table ends every open flow. */
  List<FlowRecord> finish() {
    table.finish();
    return records;
  }

  FlowRecord only() {
    finish();
    if (records.size() != 1) {
      throw new AssertionError("records: " + records.size() + " (expected: 1): " + records);
    }
    return records.get(0);
  }

  private void feed(long millis, int ipLength) {
    table.frame(START + millis * 1_000_000L, 14 + ipLength, 14 + ipLength, NO_BYTES, 0, frame);
  }

  static int ipv4(String dotted) {
    String[] parts = dotted.split("\\.");
    int v = 0;
    for (String p : parts) {
      v = (v << 8) | Integer.parseInt(p);
    }
    return v;
  }
}
