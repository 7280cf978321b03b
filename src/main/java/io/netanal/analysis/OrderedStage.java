package io.netanal.analysis;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.decode.FrameDecoder;
import io.netanal.frame.FrameSink;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.stats.StatisticsCollector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link FramePipeline} run as two stages on two threads, for one file: the calling thread reads, decodes and
 * counts statistics, copying each frame with its decoded view into {@link StagedFrames} batches; a second thread
 * takes the batches in order and runs the ordered consumers (flow table, windows) on them. Each frame is decoded
 * once, and the consumers see the same bytes, decoded view, timestamp and lengths, in the same order, as the
 * direct pipeline gives them: their results are those of one serial pass.
 *
 * <p>The first consumers may instead run on the reading thread (early), when that evens out the two threads' work:
 * with windows and detection, the flow table runs there and detection on the second thread, and the records the
 * flow table ends reach detection through an {@link OrderedRelay}, between the same frames as in one serial pass.
 *
 * <p>The hand-off is bounded ({@link #QUEUED} batches in flight) and its batches are reused. The reading thread
 * waits when the consumers lag (a file can wait, unlike a live capture). A consumer's failure stops the reading at
 * the next batch and is rethrown by {@link #read} on the calling thread, as the direct pipeline would throw it.
 */
final class OrderedStage implements FrameSink {
  private static final int QUEUED = 4;
  private static final StagedFrames END = new StagedFrames(0);

  private final FrameDecoder decoder = new FrameDecoder();
  private final StatisticsCollector collector;
  /** Run on the reading thread, on the copy, before the frame is handed over (the flow table, feeding a relay). */
  private final DecodedFrameConsumer[] early;
  private final DecodedFrameConsumer[] consumers;
  private final OrderedRelay relay;
  private final BlockingQueue<StagedFrames> full = new ArrayBlockingQueue<>(QUEUED);
  private final BlockingQueue<StagedFrames> free = new ArrayBlockingQueue<>(QUEUED + 2);
  private int created;
  private StagedFrames filling;
  private volatile Throwable failure;

  /**
   * {@code early} consumers run on the reading thread, {@code late} ones on the second; {@code relay} (may be null)
   * carries the records the early ones end to a late one, in order.
   */
  OrderedStage(StatisticsCollector collector, DecodedFrameConsumer[] early, DecodedFrameConsumer[] late,
      OrderedRelay relay) {
    this.collector = collector;
    this.early = early;
    this.consumers = late;
    this.relay = relay;
  }

  /** Reads every frame of {@code reader} into {@code head} (the filter, then this stage) and replays them. */
  void read(CaptureFileReader reader, FrameSink head) throws IOException {
    Thread replay = new Thread(this::replay, "analyze-ordered");
    replay.setDaemon(true);
    replay.start();
    try {
      reader.read(head);
      if (filling != null && filling.size > 0) {
        handOver();
      }
    } catch (ConsumerFailed e) {
      // the consumers' failure is rethrown below
    } finally {
      if (relay != null) {
        relay.stage(null);
      }
      putUninterruptibly(full, END);
      joinUninterruptibly(replay);
    }
    Throwable t = failure;
    if (t instanceof RuntimeException e) {
      throw e;
    } else if (t instanceof Error e) {
      throw e;
    } else if (t != null) {
      throw new IllegalStateException("ordered consumer failed", t); // consumers throw no checked exceptions
    }
  }

  @Override
  public void frame(int linkType, long timestampNanos, int capturedLength, int originalLength, ByteBuffer buffer,
      int offset) {
    if (filling == null) {
      filling = takeFree();
    } else if (!filling.fits(capturedLength)) {
      handOver();
      filling = takeFree();
    }
    if (relay != null) {
      relay.stage(filling);
    }
    StagedFrames batch = filling;
    int at = batch.copy(buffer, offset, capturedLength);
    DecodedFrame decoded = batch.decoded[batch.size];
    decoder.decode(linkType, batch.buffer(), at, capturedLength, decoded);
    if (collector != null) {
      collector.record(timestampNanos, capturedLength, originalLength, decoded);
    }
    long wireLength = Integer.toUnsignedLong(originalLength); // unsigned 32 bits, as pcap and pcapng store it
    for (DecodedFrameConsumer c : early) {
      c.frame(timestampNanos, capturedLength, wireLength, batch.buffer(), at, decoded);
    }
    batch.commit(at, capturedLength, timestampNanos, wireLength);
  }

  private void handOver() {
    if (failure != null) {
      throw ConsumerFailed.INSTANCE;
    }
    putUninterruptibly(full, filling);
    filling = null;
  }

  private StagedFrames takeFree() {
    StagedFrames batch = free.poll();
    if (batch == null && created < QUEUED + 2) {
      created++;
      return new StagedFrames(StagedFrames.MAX_FRAMES);
    }
    boolean interrupted = false;
    while (batch == null) {
      try {
        batch = free.take(); // the consumers' thread always returns the batches it takes, so this wait ends
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return batch;
  }

  /** The consumers' thread: batches in order until the end; after a failure it only drains them. */
  private void replay() {
    while (true) {
      StagedFrames batch;
      try {
        batch = full.take();
      } catch (InterruptedException e) {
        continue; // only the reading thread ends this loop, with END
      }
      if (batch == END) {
        return;
      }
      if (failure == null) {
        try {
          run(batch);
        } catch (Throwable t) {
          failure = t;
        }
      }
      batch.clear();
      free.offer(batch);
    }
  }

  private void run(StagedFrames batch) {
    ByteBuffer buffer = batch.buffer();
    int record = 0;
    int records = batch.records.size();
    for (int i = 0; i < batch.size; i++) {
      for (; record < records && batch.recordFrame(record) == i; record++) {
        relay.deliver(batch.records.get(record));
      }
      for (DecodedFrameConsumer c : consumers) {
        c.frame(batch.timestamps[i], batch.capturedLengths[i], batch.wireLengths[i], buffer, batch.offsets[i],
            batch.decoded[i]);
      }
    }
  }

  private static void putUninterruptibly(BlockingQueue<StagedFrames> queue, StagedFrames batch) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(batch);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the consumers' thread always drains, so this wait ends
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the reader once the consumers failed: a stackless singleton, caught in {@link #read}. */
  private static final class ConsumerFailed extends RuntimeException {
    static final ConsumerFailed INSTANCE = new ConsumerFailed();

    private ConsumerFailed() {
      super("ordered consumer failed", null, false, false);
    }
  }
}
