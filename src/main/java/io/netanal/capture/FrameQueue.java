package io.netanal.capture;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The bounded hand-off between the capture thread and the consumer: frames are copied into {@link FrameBatch}es
 * and the batches go through an {@link ArrayBlockingQueue}. When it is full, {@link #add(long, byte[], int, int)}
 * drops and counts the frame at once; the live capture uses {@link #add(long, byte[], int, int, BooleanSupplier)}
 * instead, which waits for the consumer to free a batch: meanwhile the capture thread reads nothing, so the
 * kernel's capture buffer ({@code --buffer-size}) holds what arrives, as it does for tcpdump, and what does not
 * fit there is dropped and counted by the kernel. Without that wait, a burst the consumer needs a moment for was
 * lost at the queue's few tens of thousands of frames while the kernel's 64 MiB stood empty.
 *
 * <p>One producer thread calls {@code add}, {@link #flush} and {@link #finish}; one consumer thread calls
 * {@link #poll} and {@link #release}; the counters may be read from any thread. Batches are created lazily, up to
 * what the queue can hold plus one being filled and one being consumed, and then reused: the steady state
 * allocates nothing.
 */
final class FrameQueue {
  /** Frames per batch at most: large enough to amortise the queue's lock, small enough to hand over quickly. */
  static final int MAX_BATCH_FRAMES = 256;
  private static final int AVERAGE_FRAME_BYTES = 1024;
  private static final FrameBatch END = new FrameBatch(0, 0);
  /** How often a waiting {@code add} asks whether to keep waiting. */
  static final long WAIT_SLICE_MILLIS = 10;
  private static final BooleanSupplier NEVER_WAIT = () -> false;

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
    return add(timestampNanos, frame, capturedLength, originalLength, NEVER_WAIT);
  }

  /**
   * As {@link #add(long, byte[], int, int)}, but a full queue is waited for, as long as {@code keepWaiting} says
   * so (asked every {@value #WAIT_SLICE_MILLIS} ms): returns false (the frame dropped and counted) only when it
   * stopped waiting without room. An interrupt ends the wait too, and stays set.
   */
  boolean add(long timestampNanos, byte[] frame, int capturedLength, int originalLength,
      BooleanSupplier keepWaiting) {
    increment(received);
    if (filling == null && (filling = takeFree(keepWaiting)) == null) {
      increment(dropped);
      return false;
    }
    if (!filling.add(timestampNanos, frame, capturedLength, originalLength)) {
      if (filling.isEmpty() || !handOver(keepWaiting)) {
        increment(dropped); // the queue is full (or the frame exceeds a whole slab, which the snaplen rules out)
        return false;
      }
      if ((filling = takeFree(keepWaiting)) == null
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
      handOver(NEVER_WAIT);
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

  private boolean handOver(BooleanSupplier keepWaiting) {
    boolean queued = full.offer(filling);
    try {
      while (!queued && keepWaiting.getAsBoolean()) {
        queued = full.offer(filling, WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (queued) {
      filling = null;
    }
    return queued;
  }

  private FrameBatch takeFree(BooleanSupplier keepWaiting) {
    FrameBatch batch = free.poll();
    if (batch == null && createdBatches < maxBatches) {
      createdBatches++;
      batch = new FrameBatch(batchFrames, slabBytes);
    }
    try {
      while (batch == null && keepWaiting.getAsBoolean()) {
        batch = free.poll(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return batch;
  }
}
