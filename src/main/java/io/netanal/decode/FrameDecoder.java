package io.netanal.decode;

import java.nio.ByteBuffer;

/**
 * Decodes one frame's headers in place, from the link layer down to the application protocol, into a reused
 * {@link DecodedFrame}. Never throws on bad input: a frame that cannot be fully decoded gets a
 * {@link DecodeStatus} reason.
 *
 * <p>One instance per thread; it allocates nothing per frame.
 */
public final class FrameDecoder {

  /**
   * Decodes {@code buffer[offset, offset + capturedLength)} of the given link type into {@code out} (reset
   * first). Reads with absolute gets and never changes the buffer's position, limit or byte order.
   */
  public void decode(int linkType, ByteBuffer buffer, int offset, int capturedLength, DecodedFrame out) {
    out.reset();
    out.fail(DecodeStatus.UNSUPPORTED_LINK_TYPE);
  }
}
