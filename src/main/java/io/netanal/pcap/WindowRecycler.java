package io.netanal.pcap;

import java.nio.ByteBuffer;

/**
 * Gives a {@link CaptureFileReader} the windows it reads into, for a sink that uses frames after its
 * {@link io.netanal.frame.FrameSink#frame} call returned: a staged read hands the frames, in place, to other
 * threads, so a window must not be refilled (compacted, read into) until they are done with it.
 *
 * <p>Called by the reading thread, inside {@link CaptureFileReader#read}, whenever the reader needs room past its
 * current window; it may block until a window is free, or throw to stop the reading.
 */
public interface WindowRecycler {
  /**
   * A heap buffer ({@code ByteBuffer.allocate}, big-endian) of at least {@code capacity} bytes to go on reading in.
   * The reader no longer reads from or writes to {@code full}, its previous window; frames already passed on
   * from it stay where they are until whoever holds them lets the recycler have it again.
   */
  ByteBuffer next(ByteBuffer full, int capacity);
}
