package io.netanal.decode;

import java.nio.ByteBuffer;

/**
 * Sees every frame after it is decoded, in capture (file or arrival) order, with the frame's bytes and its decoded
 * view: the flow table, window aggregation, packet export and per-packet output are consumers.
 *
 * <p>The pipeline calls a consumer from one thread at a time, in order; a consumer need not be thread-safe. The
 * buffer and the {@link DecodedFrame} belong to the caller and are valid only during the call (the bytes are
 * {@code buffer[offset, offset + capturedLength)}, read with absolute gets, network byte order): a consumer that
 * keeps anything must copy it.
 */
public interface DecodedFrameConsumer {
  /**
   * @param timestampNanos nanoseconds since the epoch (UTC)
   * @param capturedLength bytes present in the buffer
   * @param originalLength the frame's length on the wire; may exceed {@code capturedLength}
   */
  void frame(long timestampNanos, int capturedLength, long originalLength, ByteBuffer buffer, int offset,
      DecodedFrame decoded);

  /**
   * Time advanced to {@code nowNanos} (capture clock) without a frame, so a consumer can time out idle state. A live
   * capture calls it about once a second when traffic is idle; files call it never (their timestamps advance time).
   */
  default void tick(long nowNanos) {}

  /** The input ended: flush whatever is still open. Called once, after the last frame. */
  default void finish() {}
}
