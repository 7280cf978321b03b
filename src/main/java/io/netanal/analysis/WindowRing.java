package io.netanal.analysis;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The read windows of an {@link OrderedStage}: the reader reads a file into a window, the stage's batches refer to
 * the frames in it in place (no copy), and a window the reader has moved past is read into again only once the last
 * stage has finished every batch that refers to it. Batches are numbered in the order they are handed over, and the
 * last stage finishes them in that order, so a window is free once the number of the last batch handed over before
 * it was retired is done.
 *
 * <p>The reading thread calls {@link #retire} and {@link #take}; the last stage calls {@link #completed}. At most
 * {@code maxWindows} windows wait in the ring; {@link #take} waits for the oldest one beyond that.
 */
final class WindowRing {
  /** As the reader's own window: the frames the kernel just copied in are still in the core's cache. */
  static final int WINDOW_BYTES = 1 << 20;
  /** Enough for the batches in flight: a 1 MB window holds a few batches of frames of the benchmark's size. */
  static final int MAX_WINDOWS = 8;

  private final int maxWindows;
  private final ArrayDeque<ByteBuffer> retired = new ArrayDeque<>();
  private final ArrayDeque<Long> retiredAfter = new ArrayDeque<>();
  /** Number of the last batch the last stage finished. */
  private long done = -1;

  WindowRing(int maxWindows) {
    this.maxWindows = maxWindows;
  }

  /** The reader moved past {@code window}, whose last frames are in batch {@code lastBatch} (or earlier ones). */
  synchronized void retire(ByteBuffer window, long lastBatch) {
    retired.addLast(window);
    retiredAfter.addLast(lastBatch);
  }

  /** A window of at least {@code capacity} bytes nobody uses: an old one when free, else a new one while allowed. */
  synchronized ByteBuffer take(int capacity) {
    boolean interrupted = false;
    try {
      while (true) {
        if (!retired.isEmpty() && retiredAfter.peekFirst() <= done) {
          ByteBuffer window = retired.pollFirst();
          retiredAfter.pollFirst();
          if (window.capacity() >= capacity) {
            return window.clear();
          }
          continue; // too small for the record that needs room: left to the garbage collector
        }
        if (retired.size() < maxWindows) {
          return ByteBuffer.allocate(Math.max(capacity, WINDOW_BYTES));
        }
        try {
          wait(); // the last stage always finishes the batches handed over, so this wait ends
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The last stage finished batch {@code batch} and every one before it. */
  synchronized void completed(long batch) {
    done = batch;
    notifyAll();
  }
}
