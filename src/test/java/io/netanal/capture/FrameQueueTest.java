package io.netanal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FrameQueueTest {

  @Test
  void shouldDeliverEveryFrameInOrderAcrossBatches() throws Exception {
    FrameQueue queue = new FrameQueue(1024, 100);
    for (int i = 0; i < 600; i++) {
      assertThat(queue.add(1000L + i, new byte[] {(byte) i, 7}, 2, 60)).isTrue();
    }
    queue.finish();

    List<Long> timestamps = new ArrayList<>();
    FrameBatch batch;
    while ((batch = queue.poll(1, TimeUnit.SECONDS)) != null) {
      for (int i = 0; i < batch.size(); i++) {
        timestamps.add(batch.timestampNanos(i));
        assertThat(batch.capturedLength(i)).isEqualTo(2);
        assertThat(batch.originalLength(i)).isEqualTo(60);
        assertThat(batch.buffer().get(batch.offset(i))).isEqualTo((byte) (batch.timestampNanos(i) - 1000));
        assertThat(batch.buffer().get(batch.offset(i) + 1)).isEqualTo((byte) 7);
      }
      queue.release(batch);
    }

    assertThat(queue.ended()).isTrue();
    assertThat(timestamps).hasSize(600).isSorted().startsWith(1000L).endsWith(1599L);
    assertThat(queue.accepted()).isEqualTo(600);
    assertThat(queue.dropped()).isZero();
  }

  @Test
  void shouldDropAndCountFramesWithoutBlockingWhenNobodyConsumes() {
    FrameQueue queue = new FrameQueue(4, 100); // one batch of 4 frames in the queue, one being filled
    long start = System.nanoTime();
    int kept = 0;
    for (int i = 0; i < 1000; i++) {
      if (queue.add(i, new byte[10], 10, 10)) {
        kept++;
      }
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(kept).isEqualTo(8); // 4 queued + 4 in the batch being filled
    assertThat(queue.received()).isEqualTo(1000);
    assertThat(queue.accepted()).isEqualTo(8);
    assertThat(queue.dropped()).isEqualTo(992);
    assertThat(millis).isLessThan(1000);
  }

  @Test
  void shouldAcceptFramesAgainOnceTheConsumerCatchesUp() throws Exception {
    FrameQueue queue = new FrameQueue(4, 100);
    for (int i = 0; i < 20; i++) {
      queue.add(i, new byte[10], 10, 10);
    }
    queue.release(queue.poll(1, TimeUnit.SECONDS));

    assertThat(queue.add(99, new byte[10], 10, 10)).isTrue();
    assertThat(queue.dropped()).isEqualTo(12);
  }

  @Test
  void shouldWaitForTheConsumerInsteadOfDroppingWhileAskedTo() throws Exception {
    FrameQueue queue = new FrameQueue(4, 100);
    List<Long> consumed = new ArrayList<>();
    Thread consumer = new Thread(() -> {
      try {
        FrameBatch batch;
        while ((batch = queue.poll(5, TimeUnit.SECONDS)) != null) {
          Thread.sleep(2); // slower than the producer: the queue is full most of the time
          for (int i = 0; i < batch.size(); i++) {
            consumed.add(batch.timestampNanos(i));
          }
          queue.release(batch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    consumer.start();

    for (int i = 0; i < 400; i++) {
      assertThat(queue.add(i, new byte[10], 10, 10, () -> true)).isTrue();
    }
    queue.finish();
    consumer.join(10_000);

    assertThat(queue.dropped()).isZero();
    assertThat(queue.accepted()).isEqualTo(400);
    assertThat(consumed).hasSize(400).isSorted();
  }

  @Test
  void shouldDropAndCountOnceItMayWaitNoLonger() {
    FrameQueue queue = new FrameQueue(4, 100);
    int[] asked = new int[1];
    for (int i = 0; i < 20; i++) {
      queue.add(i, new byte[10], 10, 10, () -> ++asked[0] < 3); // waits two slices, then gives up
    }

    assertThat(asked[0]).isGreaterThanOrEqualTo(3);
    assertThat(queue.accepted()).isEqualTo(8);
    assertThat(queue.dropped()).isEqualTo(12);
  }

  @Test
  void shouldReuseBatchesInsteadOfAllocating() throws Exception {
    FrameQueue queue = new FrameQueue(256, 100);
    FrameBatch first = null;
    for (int round = 0; round < 10; round++) {
      queue.add(round, new byte[10], 10, 10);
      queue.flush();
      FrameBatch batch = queue.poll(1, TimeUnit.SECONDS);
      if (first == null) {
        first = batch;
      }
      assertThat(batch).isSameAs(first);
      queue.release(batch);
    }
  }

  @Test
  void shouldStateItsCapacityInWholeBatches() {
    assertThat(new FrameQueue(4, 100).capacityFrames()).isEqualTo(4);
    assertThat(new FrameQueue(65_536, 1514).capacityFrames()).isEqualTo(65_536);
    assertThat(new FrameQueue(1000, 1514).capacityFrames()).isEqualTo(768); // 3 batches of 256
  }
}
