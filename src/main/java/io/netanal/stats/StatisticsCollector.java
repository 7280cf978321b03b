package io.netanal.stats;

import io.netanal.decode.DecodedFrame;

/**
 * Counts decoded frames into every table of the report.
 *
 * <p>One thread records; {@link #snapshot(int)} copies the tables into immutable records and is called by the
 * recording thread (which publishes snapshots for other threads to read) or after recording has ended.
 */
public final class StatisticsCollector {

  /** Counts one frame. {@code decoded} is read during the call only. */
  public void record(long timestampNanos, int capturedLength, int originalLength, DecodedFrame decoded) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Adds everything {@code other} counted, as if its frames had been recorded here after this one's. */
  public void merge(StatisticsCollector other) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The tables so far, endpoints and conversations cut to the {@code top} first rows ({@code top <= 0}: all). */
  public StatisticsSnapshot snapshot(int top) {
    throw new UnsupportedOperationException("not built yet");
  }
}
