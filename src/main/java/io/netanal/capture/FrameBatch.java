package io.netanal.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A batch of captured frames copied into one preallocated slab, so that the queue between the capture thread
 * and the consumer carries one element per batch instead of one per frame, and the steady state allocates
 * nothing: batches go back to a free list once consumed.
 *
 * <p>Owned by one thread at a time: the capture thread fills it, the queue hands it over (a happens-before
 * edge), the consumer reads it and returns it.
 */
final class FrameBatch {
  private final byte[] slab;
  private final ByteBuffer buffer;
  private final int[] offsets;
  private final int[] capturedLengths;
  private final int[] originalLengths;
  private final long[] timestamps;
  private int size;
  private int used;

  FrameBatch(int maxFrames, int slabBytes) {
    slab = new byte[slabBytes];
    buffer = ByteBuffer.wrap(slab).order(ByteOrder.BIG_ENDIAN);
    offsets = new int[maxFrames];
    capturedLengths = new int[maxFrames];
    originalLengths = new int[maxFrames];
    timestamps = new long[maxFrames];
  }

  /** Copies a frame in; false (and nothing copied) when the batch has no room for it. */
  boolean add(long timestampNanos, byte[] frame, int capturedLength, int originalLength) {
    if (size == offsets.length || capturedLength > slab.length - used) {
      return false;
    }
    System.arraycopy(frame, 0, slab, used, capturedLength);
    offsets[size] = used;
    capturedLengths[size] = capturedLength;
    originalLengths[size] = originalLength;
    timestamps[size] = timestampNanos;
    used += capturedLength;
    size++;
    return true;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
    used = 0;
  }

  /** The slab, BIG_ENDIAN; frame {@code i} is {@code [offset(i), offset(i) + capturedLength(i))}. */
  ByteBuffer buffer() {
    return buffer;
  }

  int offset(int i) {
    return offsets[i];
  }

  int capturedLength(int i) {
    return capturedLengths[i];
  }

  int originalLength(int i) {
    return originalLengths[i];
  }

  long timestampNanos(int i) {
    return timestamps[i];
  }
}
