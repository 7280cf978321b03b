package io.netanal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.CaptureException;
import io.netanal.FilterSyntaxException;
import io.netanal.frame.FrameSink;
import io.netanal.frame.LinkType;
import io.netanal.testing.LiveCaptureSupport;
import io.netanal.testing.LoopbackTraffic;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Live captures on the loopback device; skipped without root/CAP_NET_RAW and libpcap (failed under CI). */
@Timeout(30)
class LiveCaptureTest {
  private static final int LOOPBACK_ADDRESS = 0x7f000001;

  @BeforeEach
  void requireLiveCapture() {
    LiveCaptureSupport.requireLiveCapture();
  }

  @Test
  void shouldDeliverExactlyTheUdpAndTcpPacketsSentToLoopback() throws Exception {
    try (LoopbackTraffic traffic = new LoopbackTraffic();
         LiveCapture capture = LiveCapture.open(config(traffic.filter(), 0, 0, 4096))) {
      RecordingSink sink = new RecordingSink();
      CompletableFuture<CaptureStatistics> result = CompletableFuture.supplyAsync(() -> capture.run(sink, () -> {}));
      long before = System.currentTimeMillis();
      int udpSource = traffic.sendUdp(50, 100);
      traffic.drainUdp(50);
      int tcpSource = traffic.sendTcp(20, 200);
      awaitFrames(sink, 70);
      capture.stop();
      CaptureStatistics stats = result.get(2, TimeUnit.SECONDS);
      long after = System.currentTimeMillis();

      assertThat(capture.readsDirectly()).as("pcap_next_ex called directly").isTrue();
      assertThat(capture.linkType()).isEqualTo(LinkType.ETHERNET);
      assertThat(stats).isEqualTo(new CaptureStatistics(70, 0, 0, 0));
      List<Frame> udp = sink.frames.stream().filter(f -> f.protocol == 17).toList();
      List<Frame> tcp = sink.frames.stream().filter(f -> f.protocol == 6).toList();
      assertThat(udp).hasSize(50).allSatisfy(f -> {
        assertThat(f.source).isEqualTo(LOOPBACK_ADDRESS);
        assertThat(f.destination).isEqualTo(LOOPBACK_ADDRESS);
        assertThat(f.sourcePort).isEqualTo(udpSource);
        assertThat(f.destinationPort).isEqualTo(traffic.udpPort());
        assertThat(f.capturedLength).isEqualTo(14 + 20 + 8 + 100).isEqualTo(f.originalLength);
      });
      assertThat(tcp).hasSize(20).allSatisfy(f -> {
        assertThat(f.sourcePort).isEqualTo(tcpSource);
        assertThat(f.destinationPort).isEqualTo(traffic.tcpPort());
        assertThat(f.originalLength).isEqualTo(f.capturedLength);
      });
      assertThat(sink.frames).allSatisfy(f ->
          assertThat(f.timestampNanos / 1_000_000).isBetween(before - 1000, after + 1000));
      assertThat(sink.frames).extracting(f -> f.timestampNanos).isSorted();
    }
  }

  @Test
  void shouldStopWithinOneSecondWhenNoPacketArrives() throws Exception {
    try (LiveCapture capture = LiveCapture.open(config("udp and dst port 9 and src port 9", 0, 0, 4096))) {
      CountDownLatch ticks = new CountDownLatch(2);
      CompletableFuture<CaptureStatistics> result =
          CompletableFuture.supplyAsync(() -> capture.run(new RecordingSink(), ticks::countDown));
      assertThat(ticks.await(5, TimeUnit.SECONDS)).as("two ticks while idle").isTrue();
      long stopAt = System.nanoTime();
      capture.stop();
      CaptureStatistics stats = result.get(2, TimeUnit.SECONDS);
      long stoppedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAt);

      assertThat(stoppedMillis).isLessThan(1000);
      assertThat(stats.received()).isZero();
    }
  }

  @Test
  void shouldStopAfterTheDurationEvenWhenIdle() {
    try (LiveCapture capture = LiveCapture.open(config("udp and dst port 9 and src port 9", 0, 500, 4096))) {
      long start = System.nanoTime();
      capture.run(new RecordingSink(), () -> {});
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(millis).isBetween(450L, 1500L);
    }
  }

  @Test
  void shouldStopAtTheFrameCount() throws Exception {
    try (LoopbackTraffic traffic = new LoopbackTraffic();
         LiveCapture capture = LiveCapture.open(config(traffic.filter(), 5, 0, 4096))) {
      traffic.sendUdp(20, 10); // queued in the kernel buffer before the capture thread starts
      traffic.drainUdp(20);
      RecordingSink sink = new RecordingSink();
      CaptureStatistics stats = CompletableFuture.supplyAsync(() -> capture.run(sink, () -> {}))
          .get(5, TimeUnit.SECONDS);

      assertThat(sink.frames).hasSize(5);
      assertThat(stats.received()).isEqualTo(5);
    }
  }

  @Test
  void shouldDeliverTheSameFramesThroughPcap4jsDispatchWhereLibpcapCannotBeCalledDirectly() throws Exception {
    System.setProperty(PcapFrameSource.PCAP4J_DISPATCH, "true");
    try (LoopbackTraffic traffic = new LoopbackTraffic();
         LiveCapture capture = LiveCapture.open(config(traffic.filter(), 0, 0, 4096))) {
      System.clearProperty(PcapFrameSource.PCAP4J_DISPATCH);
      assertThat(capture.readsDirectly()).isFalse();
      RecordingSink sink = new RecordingSink();
      CompletableFuture<CaptureStatistics> result = CompletableFuture.supplyAsync(() -> capture.run(sink, () -> {}));
      long before = System.currentTimeMillis();
      int udpSource = traffic.sendUdp(50, 100);
      traffic.drainUdp(50);
      awaitFrames(sink, 50);
      capture.stop();
      CaptureStatistics stats = result.get(2, TimeUnit.SECONDS);
      long after = System.currentTimeMillis();

      assertThat(stats).isEqualTo(new CaptureStatistics(50, 0, 0, 0));
      assertThat(sink.frames).hasSize(50).allSatisfy(f -> {
        assertThat(f.sourcePort).isEqualTo(udpSource);
        assertThat(f.capturedLength).isEqualTo(14 + 20 + 8 + 100).isEqualTo(f.originalLength);
        assertThat(f.timestampNanos / 1_000_000).isBetween(before - 1000, after + 1000);
      });
    } finally {
      System.clearProperty(PcapFrameSource.PCAP4J_DISPATCH);
    }
  }

  @Test
  void shouldTimeFramesInWholeMicrosecondsWhenMicrosecondsAreAskedFor() throws Exception {
    try (LoopbackTraffic traffic = new LoopbackTraffic();
         LiveCapture capture = LiveCapture.open(new CaptureConfig(LiveCaptureSupport.LOOPBACK, traffic.filter(), 0,
             0, 65535, 8 << 20, 4096, false, false))) {
      RecordingSink sink = new RecordingSink();
      CompletableFuture<CaptureStatistics> result = CompletableFuture.supplyAsync(() -> capture.run(sink, () -> {}));
      long before = System.currentTimeMillis();
      traffic.sendUdp(20, 1000);
      traffic.drainUdp(20);
      awaitFrames(sink, 20);
      capture.stop();
      CaptureStatistics stats = result.get(2, TimeUnit.SECONDS);
      long after = System.currentTimeMillis();

      assertThat(capture.nanoTimestamps()).isFalse();
      assertThat(stats.received()).isEqualTo(20);
      assertThat(sink.frames).hasSize(20).allSatisfy(f -> {
        assertThat(f.timestampNanos % 1000).isZero();
        assertThat(f.timestampNanos / 1_000_000).isBetween(before - 1000, after + 1000);
        assertThat(f.capturedLength).isEqualTo(14 + 20 + 8 + 1000).isEqualTo(f.originalLength);
      });
    }
  }

  @Test
  void shouldLeaveTheBacklogInTheKernelBufferAndLoseNothingWhenTheConsumerIsSlow() throws Exception {
    try (LoopbackTraffic traffic = new LoopbackTraffic();
         LiveCapture capture = LiveCapture.open(config(traffic.filter(), 0, 0, 4))) {
      AtomicInteger delivered = new AtomicInteger();
      FrameSink slow = (linkType, ts, captured, original, buffer, offset) -> {
        delivered.incrementAndGet();
        sleep(5);
      };
      CompletableFuture<CaptureStatistics> result = CompletableFuture.supplyAsync(() -> capture.run(slow, () -> {}));
      traffic.sendUdp(200, 10);
      traffic.drainUdp(200);
      Thread.sleep(100);
      long receivedEarly = capture.statistics().received();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (delivered.get() < 200 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      capture.stop();
      CaptureStatistics stats = result.get(10, TimeUnit.SECONDS);

      // a queue of 4 frames: the capture thread took only what the consumer could hold, the kernel kept the rest
      assertThat(receivedEarly).as("frames taken from the kernel while the consumer was at the first")
          .isLessThan(100);
      assertThat(delivered.get()).isEqualTo(200);
      assertThat(stats.received()).isEqualTo(200);
      assertThat(stats.droppedByQueue()).isZero();
      assertThat(stats.droppedByKernel()).isZero();
    }
  }

  @Test
  void shouldStopPromptlyWithABacklogStillInTheKernelBuffer() throws Exception {
    try (LoopbackTraffic traffic = new LoopbackTraffic();
         LiveCapture capture = LiveCapture.open(config(traffic.filter(), 0, 0, 4))) {
      AtomicInteger delivered = new AtomicInteger();
      FrameSink slow = (linkType, ts, captured, original, buffer, offset) -> {
        delivered.incrementAndGet();
        sleep(50);
      };
      CompletableFuture<CaptureStatistics> result = CompletableFuture.supplyAsync(() -> capture.run(slow, () -> {}));
      traffic.sendUdp(200, 10);
      traffic.drainUdp(200);
      Thread.sleep(200);
      long start = System.nanoTime();
      capture.stop();
      CaptureStatistics stats = result.get(10, TimeUnit.SECONDS);

      // the capture thread waits no more once stopped: the queued frames are consumed, frames libpcap still
      // hands over are dropped and counted, the rest stay unread
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
      assertThat(delivered.get()).isLessThan(100);
      assertThat(stats.received()).isEqualTo(delivered.get() + stats.droppedByQueue());
    }
  }

  @Test
  void shouldRejectAnUnknownDeviceListingTheDevicesThatExist() {
    assertThatThrownBy(() -> LiveCapture.open(new CaptureConfig("nosuch0", null, 0, 0, 65535, 8 << 20, 4096,
        false, false)))
        .isInstanceOf(CaptureException.class)
        .hasMessageStartingWith("no such capture device: nosuch0 (expected one of: ")
        .hasMessageContaining("lo");
  }

  @Test
  void shouldRejectAFilterLibpcapCannotCompile() {
    assertThatThrownBy(() -> LiveCapture.open(config("udp port 99999", 0, 0, 4096)))
        .isInstanceOf(FilterSyntaxException.class)
        .hasMessage("filter 'udp port 99999': illegal port number 99999 > 65535");
  }

  private static CaptureConfig config(String filter, long count, long durationMillis, int queueFrames) {
    return new CaptureConfig(LiveCaptureSupport.LOOPBACK, filter, count, durationMillis, 65535, 8 << 20,
        queueFrames, false, true);
  }

  private static void awaitFrames(RecordingSink sink, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (sink.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(300); // long enough for any unexpected extra frame to arrive too
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Frame(long timestampNanos, int capturedLength, int originalLength, int protocol, int source,
      int destination, int sourcePort, int destinationPort) {}

  /** Keeps the IPv4 fields of every Ethernet frame it is given. */
  private static final class RecordingSink implements FrameSink {
    final List<Frame> frames = new ArrayList<>();

    synchronized int size() {
      return frames.size();
    }

    @Override
    public synchronized void frame(int linkType, long timestampNanos, int capturedLength, int originalLength,
        ByteBuffer buffer, int offset) {
      int ip = offset + 14; // after destination MAC (6), source MAC (6), EtherType (2)
      int ihl = (buffer.get(ip) & 0x0f) * 4;
      int ports = ip + ihl;
      frames.add(new Frame(timestampNanos, capturedLength, originalLength,
          buffer.get(ip + 9) & 0xff, // protocol
          buffer.getInt(ip + 12), // source address
          buffer.getInt(ip + 16), // destination address
          buffer.getShort(ports) & 0xffff, buffer.getShort(ports + 2) & 0xffff));
    }
  }
}
