package io.netanal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.NetanalException;
import io.netanal.frame.FrameSink;
import io.netanal.frame.LinkType;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The consumer loop and its shutdown, driven by a scripted frame source instead of libpcap. */
@Timeout(20)
class CaptureLoopTest {
  /** A 60-byte Ethernet frame; its contents do not matter to the loop. */
  private static final byte[] FRAME = new byte[60];

  @Test
  void shouldDeliverEveryFrameInOrderAndCloseTheSourceWhenStopped() throws Exception {
    ScriptedSource source = new ScriptedSource(100);
    CaptureLoop loop = loop(source, 0, 4096);
    AtomicInteger delivered = new AtomicInteger();
    AtomicReference<Long> lastTimestamp = new AtomicReference<>(-1L);
    CompletableFuture<CaptureStatistics> result = CompletableFuture.supplyAsync(() -> loop.run(
        (linkType, ts, captured, original, buffer, offset) -> {
          assertThat(ts).isGreaterThan(lastTimestamp.get());
          lastTimestamp.set(ts);
          delivered.incrementAndGet();
        }, () -> {}));
    assertThat(source.scriptDone.await(5, TimeUnit.SECONDS)).isTrue();
    loop.stop();

    assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(new CaptureStatistics(100, 0, 7, 1));
    assertThat(delivered.get()).isEqualTo(100);
    assertThat(source.closed.getCount()).isZero();
  }

  @Test
  void shouldKeepEveryFrameOfABurstWhileTheConsumerFallsBehindLeavingTheBacklogToTheSource() throws Exception {
    ScriptedSource source = new ScriptedSource(5000);
    CaptureLoop loop = loop(source, 0, 16); // a queue of 16 frames against a burst of 5,000
    AtomicInteger delivered = new AtomicInteger();
    CompletableFuture<CaptureStatistics> result = CompletableFuture.supplyAsync(() -> loop.run(
        (linkType, ts, captured, original, buffer, offset) -> {
          if (delivered.incrementAndGet() % 500 == 0) {
            sleep(20); // a slow moment of the consumer (a window closing, a collection)
          }
        }, () -> {}));
    assertThat(source.scriptDone.await(10, TimeUnit.SECONDS)).isTrue();
    loop.stop();

    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(new CaptureStatistics(5000, 0, 7, 1));
    assertThat(delivered.get()).isEqualTo(5000);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void shouldStopAtTheFrameCountWithoutDeliveringFramesReadAfterIt() throws Exception {
    ScriptedSource source = new ScriptedSource(50);
    CaptureLoop loop = loop(source, 20, 4096);
    AtomicInteger delivered = new AtomicInteger();

    CaptureStatistics stats = loop.run((linkType, ts, captured, original, buffer, offset) ->
        delivered.incrementAndGet(), () -> {});

    assertThat(delivered.get()).isEqualTo(20);
    assertThat(stats.received()).isEqualTo(20);
    assertThat(source.closed.getCount()).isZero();
  }

  @Test
  void shouldDrainJoinAndCloseTheSourceWhenTheSinkThrowsAnError() throws Exception {
    // A source that never stops producing and a tiny queue: without a drain, the capture thread's final
    // hand-off would block for ever and the source would never be closed.
    ScriptedSource source = new ScriptedSource(Integer.MAX_VALUE);
    CaptureLoop loop = loop(source, 0, 4);
    FrameSink failing = (linkType, ts, captured, original, buffer, offset) -> {
      throw new SinkError();
    };

    assertThatThrownBy(() -> loop.run(failing, () -> {})).isInstanceOf(SinkError.class);
    assertThat(source.closed.await(2, TimeUnit.SECONDS)).as("source closed").isTrue();
    assertThat(source.readsAfterClose.get()).isZero();
  }

  @Test
  void shouldRethrowASinkFailureAfterClosingTheSourceAndKeepTheCounts() throws Exception {
    ScriptedSource source = new ScriptedSource(30);
    CaptureLoop loop = loop(source, 0, 4096);
    AtomicInteger delivered = new AtomicInteger();
    FrameSink failsAtTen = (linkType, ts, captured, original, buffer, offset) -> {
      if (delivered.incrementAndGet() == 10) {
        throw new IllegalStateException("sink failed at frame 10");
      }
    };

    assertThatThrownBy(() -> loop.run(failsAtTen, () -> {})).hasMessage("sink failed at frame 10");
    assertThat(source.closed.getCount()).isZero();
    assertThat(delivered.get()).isEqualTo(10);
    assertThat(loop.statistics().received()).isPositive();
  }

  @Test
  void shouldStopAndCloseTheSourceWhenTheConsumingThreadIsInterrupted() throws Exception {
    ScriptedSource source = new ScriptedSource(0);
    CaptureLoop loop = loop(source, 0, 4096);
    CountDownLatch ticking = new CountDownLatch(1);
    AtomicReference<Boolean> interruptedAfterRun = new AtomicReference<>();
    Thread consumer = new Thread(() -> {
      loop.run((linkType, ts, captured, original, buffer, offset) -> {}, ticking::countDown);
      interruptedAfterRun.set(Thread.currentThread().isInterrupted());
    });
    consumer.start();
    assertThat(ticking.await(5, TimeUnit.SECONDS)).isTrue();
    consumer.interrupt();
    consumer.join(5000);

    assertThat(consumer.isAlive()).isFalse();
    assertThat(interruptedAfterRun.get()).as("the interrupt is kept for the caller").isTrue();
    assertThat(source.closed.getCount()).isZero();
  }

  @Test
  void shouldThrowARuntimeFailureNamingTheDeviceAndKeepTheCountsWhenTheSourceFailsMidCapture() throws Exception {
    ScriptedSource source = new ScriptedSource(10);
    source.failAfterScript = new IOException("The interface went down");
    CaptureLoop loop = loop(source, 0, 4096);
    AtomicInteger delivered = new AtomicInteger();

    assertThatThrownBy(() -> loop.run((linkType, ts, captured, original, buffer, offset) ->
        delivered.incrementAndGet(), () -> {}))
        .isExactlyInstanceOf(NetanalException.class)
        .hasMessage("test0: capture failed: The interface went down");
    assertThat(delivered.get()).isEqualTo(10);
    assertThat(loop.statistics()).isEqualTo(new CaptureStatistics(10, 0, 7, 1));
    assertThat(source.closed.getCount()).isZero();
  }

  @Test
  void shouldStopAfterTheDurationWhenNothingArrives() {
    ScriptedSource source = new ScriptedSource(0);
    CaptureLoop loop = new CaptureLoop(source, "test0", LinkType.ETHERNET, 0, 300, 4096, 65535);
    long start = System.nanoTime();

    loop.run((linkType, ts, captured, original, buffer, offset) -> {}, () -> {});

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(290L, 2000L);
    assertThat(source.closed.getCount()).isZero();
  }

  @Test
  void shouldNotRunTwice() {
    CaptureLoop loop = new CaptureLoop(new ScriptedSource(1), "test0", LinkType.ETHERNET, 1, 0, 4096, 65535);
    loop.run((linkType, ts, captured, original, buffer, offset) -> {}, () -> {});

    assertThatThrownBy(() -> loop.run((linkType, ts, captured, original, buffer, offset) -> {}, () -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("run: called twice (expected: once per capture)");
  }

  private static CaptureLoop loop(ScriptedSource source, long count, int queueFrames) {
    return new CaptureLoop(source, "test0", LinkType.ETHERNET, count, 0, queueFrames, 65535);
  }

  private static final class SinkError extends Error {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Delivers {@code frames} frames (timestamps 1, 2, ...), a few per read, then waits as libpcap does on an idle
   * device: up to a read timeout, or until woken. Reports 7 kernel and 1 interface drops.
   */
  private static final class ScriptedSource implements FrameSource {
    private static final int PER_READ = 8;
    final CountDownLatch scriptDone = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    final AtomicInteger readsAfterClose = new AtomicInteger();
    private final Semaphore wake = new Semaphore(0);
    private final int frames;
    private int sent;
    IOException failAfterScript;

    ScriptedSource(int frames) {
      this.frames = frames;
    }

    @Override
    public void read(Receiver receiver) throws IOException {
      if (closed.getCount() == 0) {
        readsAfterClose.incrementAndGet();
      }
      if (sent < frames) {
        for (int i = 0; i < PER_READ && sent < frames; i++) {
          sent++;
          receiver.frame(sent, FRAME, FRAME.length, FRAME.length);
        }
        return;
      }
      scriptDone.countDown();
      if (failAfterScript != null) {
        throw failAfterScript;
      }
      try {
        wake.tryAcquire(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void wakeUp() {
      wake.release();
    }

    @Override
    public Drops drops() {
      return new Drops(7, 1);
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }
}
