package io.netanal.frame;

import java.nio.ByteBuffer;

/**
 * Receives raw frames, one call per frame, from a capture file reader or a live capture.
 *
 * <p>The frame's bytes are {@code buffer[offset, offset + capturedLength)}, read with absolute gets; the buffer
 * and its contents belong to the caller and are valid only during the call, so a sink that keeps a frame must
 * copy it. The buffer's byte order is always {@link java.nio.ByteOrder#BIG_ENDIAN} (network order), whatever the
 * capture file's byte order; its position and limit are the caller's and must not be relied on. Calls come from one thread at a time; a sink need not be thread-safe.
 */
public interface FrameSink {
  /**
   * @param linkType the frame's LINKTYPE_ value (see {@link LinkType})
   * @param timestampNanos nanoseconds since the epoch (UTC); negative before 1970
   * @param capturedLength bytes present in the buffer (never negative: readers cap it far below 2^31)
   * @param originalLength the frame's length on the wire, an <em>unsigned</em> 32-bit value as in pcap and pcapng
   *     (read it with {@link Integer#toUnsignedLong}); may exceed {@code capturedLength}, and may also be below it
   *     when the file says so (tshark keeps such records too)
   */
  void frame(int linkType, long timestampNanos, int capturedLength, int originalLength, ByteBuffer buffer,
      int offset);
}
