package io.netanal.capture;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-off between the capture thread and the consumer: frames are copied into {@link FrameBatch}es
 * and the batches go through an {@link ArrayBlockingQueue}; when it is full, frames are dropped and counted,
 * because the capture thread must never wait for the consumer (the kernel would drop instead, uncounted by us).
 *
 * <p>One producer thread calls {@link #add}, {@link #flush} and {@link #finish}; one consumer thread calls
 * {@link #poll} and {@link #release}; the counters may be read from any thread. Batches are created lazily, up to
 * what the queue can hold plus one being filled and one being consumed, and then reused: the steady state
 * allocates nothing.
 */
final class FrameQueue {
  /** Frames per batch at most: large enough to amortise the queue's lock, small enough to hand over quickly. */
  static final int MAX_BATCH_FRAMES = 256;
  private static final int AVERAGE_FRAME_BYTES = 1024;
  private static final FrameBatch END = new FrameBatch(0, 0);

  private final ArrayBlockingQueue<FrameBatch> full;
  private final ArrayBlockingQueue<FrameBatch> free;
  private final int batchFrames;
  private final int slabBytes;
  private final int slots;
  private final int maxBatches;
  private int createdBatches;
  private FrameBatch filling;
  private boolean ended;

  // Written by the producer only, with release stores (lazySet): other threads read current values, and the
  // capture thread pays no full fence per frame, as a volatile write would cost it.
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  /**
   * @param capacityFrames how many frames the queue holds (rounded to whole batches, at least one)
   * @param maxFrameBytes the largest frame the producer will add (the snapshot length)
   */
  FrameQueue(int capacityFrames, int maxFrameBytes) {
    batchFrames = Math.max(1, Math.min(MAX_BATCH_FRAMES, capacityFrames));
    int slots = Math.max(1, capacityFrames / batchFrames);
    slabBytes = Math.max(maxFrameBytes, batchFrames * Math.min(maxFrameBytes, AVERAGE_FRAME_BYTES));
    this.slots = slots;
    full = new ArrayBlockingQueue<>(slots);
    maxBatches = slots + 2;
    free = new ArrayBlockingQueue<>(maxBatches);
  }

  /**
   * Copies a frame into the current batch, handing the batch over when it is full; returns false when the
   * frame was dropped because the queue was full. Never blocks.
   */
  boolean add(long timestampNanos, byte[] frame, int capturedLength, int originalLength) {
    increment(received);
    if (filling == null && (filling = takeFree()) == null) {
      increment(dropped);
      return false;
    }
    if (!filling.add(timestampNanos, frame, capturedLength, originalLength)) {
      if (filling.isEmpty() || !handOver()) {
        increment(dropped); // the queue is full (or the frame exceeds a whole slab, which the snaplen rules out)
        return false;
      }
      if ((filling = takeFree()) == null
          || !filling.add(timestampNanos, frame, capturedLength, originalLength)) {
        increment(dropped);
        return false;
      }
    }
    increment(accepted);
    return true;
  }

  /** The single writer's increment: a plain read and a release store, no atomic read-modify-write. */
  private static void increment(AtomicLong counter) {
    counter.lazySet(counter.get() + 1);
  }

  /** Hands over the current batch if it holds frames and the queue has room; never blocks. */
  void flush() {
    if (filling != null && !filling.isEmpty()) {
      handOver();
    }
  }

  /**
   * Hands over what is left and marks the end of the stream. May wait for the consumer, which is still
   * draining: called once, when the capture has stopped.
   */
  void finish() throws InterruptedException {
    if (filling != null && !filling.isEmpty()) {
      full.put(filling);
      filling = null;
    }
    full.put(END);
  }

  /** The next batch, or null when none arrived within the timeout or the stream has ended (see {@link #ended}). */
  FrameBatch poll(long timeout, TimeUnit unit) throws InterruptedException {
    FrameBatch batch = full.poll(timeout, unit);
    if (batch == END) {
      ended = true;
      return null;
    }
    return batch;
  }

  /** True once the consumer has polled past the end marker. Consumer thread only. */
  boolean ended() {
    return ended;
  }

  /** Gives a consumed batch back for reuse. */
  void release(FrameBatch batch) {
    batch.clear();
    free.offer(batch);
  }

  /** Frames offered to {@link #add}. */
  long received() {
    return received.get();
  }

  /** Frames taken into a batch (and so eventually delivered to the consumer). */
  long accepted() {
    return accepted.get();
  }

  /** Frames dropped because the queue was full. */
  long dropped() {
    return dropped.get();
  }

  /** Queue capacity in frames, as rounded to whole batches. */
  int capacityFrames() {
    return slots * batchFrames;
  }

  private boolean handOver() {
    if (!full.offer(filling)) {
      return false;
    }
    filling = null;
    return true;
  }

  private FrameBatch takeFree() {
    FrameBatch batch = free.poll();
    if (batch == null && createdBatches < maxBatches) {
      createdBatches++;
      batch = new FrameBatch(batchFrames, slabBytes);
    }
    return batch;
  }
}
