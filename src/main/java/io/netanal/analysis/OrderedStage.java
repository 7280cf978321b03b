package io.netanal.analysis;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.decode.FrameDecoder;
import io.netanal.frame.FrameSink;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.pcap.WindowRecycler;
import io.netanal.stats.StatisticsCollector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link FramePipeline} run as stages on several threads, for one file: the calling thread reads, decodes and
 * counts statistics, putting each frame (in place in the reader's window, see {@link WindowRing}) with its decoded
 * view into {@link StagedFrames} batches; each later stage,
 * on a thread of its own, takes the batches in order, runs its consumers on every frame and passes the batch on.
 * Each frame is decoded once, and every consumer sees the same bytes, decoded view, timestamp and lengths, in the
 * same order, as the direct pipeline gives it: the results are those of one serial pass.
 *
 * <p>The consumers are split into groups: group 0 runs on the reading thread (before the frame is handed over), group {@code i > 0} on stage thread {@code i}. The flow records a group ends reach the last group
 * through an {@link OrderedRelay}, between the same frames as in one serial pass. With windows and detection, the
 * flow table is a stage of its own and detection the last: three threads whose work is about even, so that on two
 * cores the wall time nears the total CPU time over two, which no two-way split of this pipeline gives.
 *
 * <p>The hand-offs are bounded ({@link #QUEUED} batches in flight per stage) and the batches are reused. The
 * reading thread waits when the stages lag (a file can wait, unlike a live capture). A consumer's failure stops the
 * reading at the next batch and is rethrown by {@link #read} on the calling thread, as the direct pipeline would
 * throw it.
 */
final class OrderedStage implements FrameSink, WindowRecycler {
  private static final int QUEUED = 4;
  private static final StagedFrames END = new StagedFrames(0);

  private final FrameDecoder decoder = new FrameDecoder();
  private final StatisticsCollector collector;
  /** Run on the reading thread, before the frame is handed over. */
  private final DecodedFrameConsumer[] early;
  /** {@code groups[i]} runs on stage thread {@code i} (0 is the reading thread's, {@link #early}). */
  private final DecodedFrameConsumer[][] groups;
  /** The group whose flow table feeds {@link #relay}; the records are delivered in the last group. */
  private final int relayGroup;
  private final OrderedRelay relay;
  /** {@code queues[i]} feeds stage thread {@code i}; {@code queues[0]} holds the free batches. */
  private final BlockingQueue<StagedFrames>[] queues;
  private final int batches;
  private int created;
  private StagedFrames filling;
  /** Batches handed over so far; the next one gets this number. */
  private long handedOver;
  private final WindowRing windows;
  private volatile Throwable failure;

  /**
   * {@code groups[0]} runs on the reading thread, every later group on a thread of its own, in order;
   * {@code relay} (may be null) carries the records group {@code relayGroup} ends to the last group, in order.
   */
  OrderedStage(StatisticsCollector collector, DecodedFrameConsumer[][] groups, int relayGroup, OrderedRelay relay) {
    this(collector, groups, relayGroup, relay, WindowRing.MAX_WINDOWS);
  }

  /** As above, with at most {@code maxWindows} read windows waiting for the stages (tests: few, to force reuse). */
  @SuppressWarnings("unchecked")
  OrderedStage(StatisticsCollector collector, DecodedFrameConsumer[][] groups, int relayGroup, OrderedRelay relay,
      int maxWindows) {
    if (groups.length < 2 || (relay != null && relayGroup >= groups.length - 1)) {
      throw new IllegalArgumentException("stages: " + groups.length + " groups, relay from group " + relayGroup
          + " (expected: at least 2 groups, a relay from a group before the last)");
    }
    this.collector = collector;
    this.windows = new WindowRing(maxWindows);
    this.groups = groups;
    this.early = groups[0];
    this.relayGroup = relayGroup;
    this.relay = relay;
    int stages = groups.length - 1;
    this.batches = QUEUED * stages + 2;
    this.queues = new BlockingQueue[groups.length];
    for (int i = 0; i < queues.length; i++) {
      queues[i] = new ArrayBlockingQueue<>(batches);
    }
  }

  /** Reads every frame of {@code reader} into {@code head} (the filter, then this stage) and replays them. */
  void read(CaptureFileReader reader, FrameSink head) throws IOException {
    Thread[] threads = new Thread[groups.length];
    for (int i = 1; i < groups.length; i++) {
      int stage = i;
      threads[i] = new Thread(() -> replay(stage), i == groups.length - 1 ? "analyze-ordered" : "analyze-stage-" + i);
      threads[i].setDaemon(true);
      threads[i].start();
    }
    try {
      reader.recycleWindows(this);
      reader.read(head);
      if (filling != null && filling.size > 0) {
        handOver();
      }
    } catch (ConsumerFailed e) {
      // the consumers' failure is rethrown below
    } finally {
      putUninterruptibly(queues[1], END);
      for (int i = 1; i < threads.length; i++) {
        joinUninterruptibly(threads[i]);
      }
      if (relay != null) {
        relay.stage(null, 0); // after the stages ended: finish() hands records straight on
      }
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
    } else if (!filling.fits(buffer)) {
      handOver();
      filling = takeFree();
    }
    StagedFrames batch = filling;
    if (batch.size == 0) {
      batch.window(buffer);
    }
    int at = offset;
    DecodedFrame decoded = batch.decoded[batch.size];
    decoder.decode(linkType, batch.bytes(), at, capturedLength, decoded);
    if (collector != null) {
      collector.record(timestampNanos, capturedLength, originalLength, decoded);
    }
    long wireLength = Integer.toUnsignedLong(originalLength); // unsigned 32 bits, as pcap and pcapng store it
    if (early.length > 0) {
      if (relay != null && relayGroup == 0) {
        relay.stage(batch, batch.size);
      }
      for (DecodedFrameConsumer c : early) {
        c.frame(timestampNanos, capturedLength, wireLength, batch.buffer(), at, decoded);
      }
    }
    batch.commit(at, capturedLength, timestampNanos, wireLength);
  }

  private void handOver() {
    if (failure != null) {
      throw ConsumerFailed.INSTANCE;
    }
    filling.number = handedOver++;
    putUninterruptibly(queues[1], filling);
    filling = null;
  }

  /**
   * The reader needs room past {@code full}: the batch of its last frames goes now (so that the window can be
   * freed), and the reader goes on in a window no batch refers to any more.
   */
  @Override
  public ByteBuffer next(ByteBuffer full, int capacity) {
    if (filling != null && filling.size > 0) {
      handOver();
    }
    windows.retire(full, handedOver - 1);
    return windows.take(capacity);
  }

  private StagedFrames takeFree() {
    StagedFrames batch = queues[0].poll();
    if (batch == null && created < batches) {
      created++;
      return new StagedFrames(StagedFrames.MAX_FRAMES);
    }
    boolean interrupted = false;
    while (batch == null) {
      try {
        batch = queues[0].take(); // the last stage always returns the batches it takes, so this wait ends
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return batch;
  }

  /** Stage thread {@code stage}: batches in order until the end; after a failure it only passes them on. */
  private void replay(int stage) {
    boolean last = stage == groups.length - 1;
    BlockingQueue<StagedFrames> next = queues[last ? 0 : stage + 1];
    while (true) {
      StagedFrames batch;
      try {
        batch = queues[stage].take();
      } catch (InterruptedException e) {
        continue; // only the reading thread ends this loop, with END
      }
      if (batch == END) {
        if (!last) {
          putUninterruptibly(next, END);
        }
        return;
      }
      if (failure == null) {
        try {
          run(stage, batch);
        } catch (Throwable t) {
          failure = t;
        }
      }
      if (last) {
        batch.clear();
        windows.completed(batch.number);
      }
      putUninterruptibly(next, batch); // never full: it holds at most every batch there is
    }
  }

  /**
   * Runs stage {@code stage}'s consumers on every frame of {@code batch}. Each role has a loop of its own, so that
   * each loop's consumer call sees the one class of its stage's consumer (a monomorphic inline cache) rather than
   * every stage's through one shared call (an interface-table search per frame).
   */
  private void run(int stage, StagedFrames batch) {
    DecodedFrameConsumer[] consumers = groups[stage];
    if (relay != null && stage == groups.length - 1) {
      deliverAndReplay(consumers, batch);
    } else if (relay != null && stage == relayGroup) {
      relayAndReplay(consumers, batch);
    } else {
      replayFrames(consumers, batch);
    }
  }

  /** The last stage of a relay: before each frame, the flow records the flow table ended at it. */
  private void deliverAndReplay(DecodedFrameConsumer[] consumers, StagedFrames batch) {
    ByteBuffer buffer = batch.buffer();
    long[] timestamps = batch.timestamps;
    int[] capturedLengths = batch.capturedLengths;
    long[] wireLengths = batch.wireLengths;
    int[] offsets = batch.offsets;
    DecodedFrame[] decoded = batch.decoded;
    int records = batch.recordCount(); // complete: the relaying stage is done with this batch
    int record = 0;
    int due = records > 0 ? batch.recordFrame(0) : -1; // the frame the next record is delivered before
    for (int i = 0, n = batch.size; i < n; i++) {
      while (due == i) {
        relay.deliver(batch, record++);
        due = record < records ? batch.recordFrame(record) : -1;
      }
      for (DecodedFrameConsumer c : consumers) {
        c.frame(timestamps[i], capturedLengths[i], wireLengths[i], buffer, offsets[i], decoded[i]);
      }
    }
  }

  /** The flow table's stage: the records its consumers end at frame {@code i} are put in the batch at {@code i}. */
  private void relayAndReplay(DecodedFrameConsumer[] consumers, StagedFrames batch) {
    ByteBuffer buffer = batch.buffer();
    long[] timestamps = batch.timestamps;
    int[] capturedLengths = batch.capturedLengths;
    long[] wireLengths = batch.wireLengths;
    int[] offsets = batch.offsets;
    DecodedFrame[] decoded = batch.decoded;
    for (int i = 0, n = batch.size; i < n; i++) {
      relay.stage(batch, i);
      for (DecodedFrameConsumer c : consumers) {
        c.frame(timestamps[i], capturedLengths[i], wireLengths[i], buffer, offsets[i], decoded[i]);
      }
    }
  }

  private static void replayFrames(DecodedFrameConsumer[] consumers, StagedFrames batch) {
    ByteBuffer buffer = batch.buffer();
    for (int i = 0, n = batch.size; i < n; i++) {
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
        interrupted = true; // the stages always drain, so this wait ends
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
