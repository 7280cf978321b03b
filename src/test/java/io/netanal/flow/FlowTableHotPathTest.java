package io.netanal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.FrameFixture;
import io.netanal.decode.Protocol;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowTableHotPathTest {
  private static final long T0 = 1_700_000_000_000_000_000L;

  /** 20-byte IPv4 header, 20-byte TCP header, then the payload; only the payload bytes are read by the hook. */
  private static ByteBuffer frameWithPayload(String payload) {
    byte[] text = payload.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(40 + text.length);
    b.position(40);
    b.put(text);
    return b.clear();
  }

  @Test
  void shouldShowTheFirstPayloadPacketsToTheApplicationHookOnly() {
    List<String> seen = new ArrayList<>();
    AppMetadata hook = (protocol, sourcePort, destinationPort, buffer, offset, end, fromOriginator, flow) -> {
      byte[] bytes = new byte[end - offset];
      buffer.get(offset, bytes);
      seen.add((fromOriginator ? "orig " : "resp ") + new String(bytes, StandardCharsets.US_ASCII));
      if (fromOriginator) {
        flow.http(new FlowRecord.Http("GET", "example.test", "/", 0, null));
      }
    };
    List<FlowRecord> records = new ArrayList<>();
    FlowTable table = new FlowTable(FlowTableOptions.forFile("x", 10), records::add, hook);
    DecodedFrame frame = new DecodedFrame();
    for (int i = 0; i < 10; i++) {
      boolean fromClient = i % 2 == 0;
      String payload = (fromClient ? "GET /" : "HTTP/1.1 200") + i;
      ByteBuffer bytes = frameWithPayload(payload);
      frame.reset();
      FrameFixture.on(frame).withProtocol(Protocol.HTTP).withIpv4(fromClient ? 1 : 2, fromClient ? 2 : 1)
          .withIpExtent(0, bytes.capacity()).withTransport(6, fromClient ? 40000 : 80, fromClient ? 80 : 40000, 0x18)
          .withTcp(0x18, 1000 + i * 100, 5000, 1024).withPayload(40, bytes.capacity());
      table.frame(T0 + i, bytes.capacity(), bytes.capacity(), bytes, 0, frame);
    }
    table.finish();
    assertThat(seen).containsExactly("orig GET /0", "resp HTTP/1.1 2001", "orig GET /2", "resp HTTP/1.1 2003",
        "orig GET /4", "resp HTTP/1.1 2005");
    assertThat(records).hasSize(1);
    assertThat(records.get(0).http()).isEqualTo(new FlowRecord.Http("GET", "example.test", "/", 0, null));
    assertThat(records.get(0).service()).isEqualTo("http");
  }

  @Test
  void shouldNotAllocatePerPacketOnceTheFlowExists() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    FlowTable table = new FlowTable(FlowTableOptions.forFile("x", 10), r -> {});
    DecodedFrame frame = new DecodedFrame();
    ByteBuffer none = ByteBuffer.allocate(0);
    FrameFixture fill = FrameFixture.on(frame); // one fixture: the test itself must not allocate per packet
    long threadId = Thread.currentThread().getId();
    long before = 0;
    int packets = 200_000;
    for (int i = 0; i < packets + 1000; i++) {
      if (i == 1000) {
        before = threads.getThreadAllocatedBytes(threadId); // after warm-up and the flow's creation
      }
      boolean fromClient = (i & 1) == 0;
      frame.reset();
      fill.withIpv4(fromClient ? 1 : 2, fromClient ? 2 : 1).withIpExtent(0, 140)
          .withTransport(6, fromClient ? 40000 : 443, fromClient ? 443 : 40000, 0x10)
          .withTcp(0x10, (fromClient ? 1000 : 9000) + i * 100, 5000 + i * 100, 1024).withPayload(40, 40);
      table.frame(T0 + i * 1000L, 154, 154, none, 0, frame);
    }
    long perPacket = (threads.getThreadAllocatedBytes(threadId) - before) / packets;
    assertThat(perPacket).isZero();
  }
}
