package io.netanal.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A window over a byte channel: one large heap buffer, refilled by compacting, that the readers parse with
 * absolute gets between {@link #start()} and {@link #end()}. A heap buffer, not a direct one: the decoder reads
 * its array in place and staged reads copy frames out of it with {@code System.arraycopy}, both far cheaper per
 * frame in C1-compiled code than a direct buffer's gets and bulk copies (the channel's own copy into the array is
 * one large copy per read).
 *
 * <p>Owned by the reading thread; only {@link #bytesRead()} may be called from any thread (for progress). The
 * buffer is exposed twice over the same memory: {@link #buffer()} in BIG_ENDIAN (handed to frame sinks) and
 * {@link #ordered()} in the file's byte order (for record headers), so no per-record view is made. Records larger
 * than the window grow it, up to {@link #MAX_CAPACITY}.
 */
final class ChannelInput {
  /**
   * 1 MB: small enough that the frames the kernel has just copied in are still in the core's cache when the
   * decoder reads them (measured on the benchmark capture: 5-10% faster than an 8 MB window), large enough that
   * the read system calls cost nothing noticeable.
   */
  static final int DEFAULT_CAPACITY = 1 << 20;
  /** Largest window: a 256 MB record plus its header; anything larger is damage, not a reason to run out of memory. */
  static final int MAX_CAPACITY = (256 << 20) + 64;

  private final ReadableByteChannel channel;
  private final AtomicLong bytesRead = new AtomicLong();
  private ByteBuffer buffer;
  private ByteBuffer ordered;
  private ByteOrder order = ByteOrder.BIG_ENDIAN;
  private int start;
  private int end;
  /** File offset of buffer index 0. */
  private long base;
  private boolean eof;
  /** Null: one window, compacted in place; else windows are swapped for new ones, never refilled in place. */
  private WindowRecycler recycler;

  /** The file's size when known (else -1): a record claiming more than is left must not grow the window. */
  private final long size;

  ChannelInput(ReadableByteChannel channel, long size, int capacity) {
    this(channel, size, capacity, 0);
  }

  /** A window whose first byte is at file offset {@code base} (the channel is positioned there). */
  ChannelInput(ReadableByteChannel channel, long size, int capacity, long base) {
    this.channel = channel;
    this.size = size;
    this.base = base;
    this.buffer = ByteBuffer.allocate(capacity);
    this.ordered = buffer.duplicate().order(order);
  }

  /**
   * From now on, when the window is full, the unread bytes move to a window from {@code recycler} instead of to
   * the start of this one, which is left as it is: frames read from it stay valid for as long as the caller needs.
   */
  void recycler(WindowRecycler recycler) {
    this.recycler = recycler;
  }

  ByteBuffer buffer() {
    return buffer;
  }

  /** The same bytes as {@link #buffer()} in the file's byte order. */
  ByteBuffer ordered() {
    return ordered;
  }

  void order(ByteOrder newOrder) {
    if (newOrder != order) {
      order = newOrder;
      ordered = buffer.duplicate().order(newOrder);
    }
  }

  ByteOrder order() {
    return order;
  }

  /** Index of the first unread byte in the buffers. */
  int start() {
    return start;
  }

  /** Index just past the last byte read from the channel. */
  int end() {
    return end;
  }

  int available() {
    return end - start;
  }

  /** File offset of the first unread byte. */
  long offset() {
    return base + start;
  }

  void skip(int count) {
    start += count;
  }

  long bytesRead() {
    return bytesRead.get();
  }

  /**
   * Makes at least {@code count} unread bytes available, reading (and growing the window) as needed; returns
   * false when the channel ends first, leaving what there is available. {@code count} must be at most
   * {@link #MAX_CAPACITY}.
   */
  boolean require(int count) throws IOException {
    if (end - start >= count) {
      return true;
    }
    if (size >= 0 && count > size - offset()) {
      // Cut short for sure: read what is left (for the damage message) without allocating for the claim.
      int left = (int) Math.max(0, size - offset());
      if (left > end - start) {
        require(left);
      }
      return false;
    }
    if (recycler != null && buffer.capacity() - start < count) {
      moveTo(recycler.next(buffer, Math.max(count, buffer.capacity())));
    } else if (buffer.capacity() < count) {
      grow(count);
    } else if (buffer.capacity() - start < count) {
      compact();
    }
    while (end - start < count && !eof) {
      // At most DEFAULT_CAPACITY per read, however large the window grew: the channel reads into a heap buffer
      // through a temporary direct buffer of the read's size, which counts against the direct memory limit.
      buffer.limit((int) Math.min(buffer.capacity(), (long) end + DEFAULT_CAPACITY)).position(end);
      int n = channel.read(buffer);
      if (n < 0) {
        eof = true;
      } else {
        end += n;
        bytesRead.addAndGet(n);
      }
    }
    return end - start >= count;
  }

  private void compact() {
    buffer.limit(end).position(start);
    buffer.compact();
    base += start;
    end -= start;
    start = 0;
  }

  /** Continues in {@code fresh}: the unread bytes are copied to its start; the old window is not touched again. */
  private void moveTo(ByteBuffer fresh) {
    System.arraycopy(buffer.array(), start, fresh.array(), 0, end - start);
    base += start;
    end -= start;
    start = 0;
    buffer = fresh;
    ordered = buffer.duplicate().order(order);
  }

  private void grow(int count) {
    int capacity = buffer.capacity();
    while (capacity < count) {
      capacity = (int) Math.min((long) capacity * 2, MAX_CAPACITY);
    }
    ByteBuffer larger = ByteBuffer.allocate(capacity);
    buffer.limit(end).position(start);
    larger.put(buffer);
    base += start;
    end -= start;
    start = 0;
    buffer = larger;
    ordered = buffer.duplicate().order(order);
  }

  void close() throws IOException {
    channel.close();
  }
}
