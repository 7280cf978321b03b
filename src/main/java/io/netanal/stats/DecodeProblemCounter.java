package io.netanal.stats;

import io.netanal.decode.DecodeStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Frames that could not be fully decoded, by {@link DecodeStatus} reason, and the first
 * {@value #MAX_EXAMPLES} of them (frame number and reason) so a user can look them up in Wireshark.
 *
 * <p>Owned by the one thread that records.
 */
final class DecodeProblemCounter {
  static final int MAX_EXAMPLES = 10;

  private final long[] byStatus = new long[DecodeStatus.COUNT];
  private final long[] exampleFrames = new long[MAX_EXAMPLES];
  private final int[] exampleStatuses = new int[MAX_EXAMPLES];
  private int examples;

  /** {@code frameNumber} is 1-based, in recording order. */
  void record(long frameNumber, int status) {
    if (status == DecodeStatus.OK) {
      return;
    }
    byStatus[status]++;
    addExample(frameNumber, status);
  }

  /** Adds {@code from}'s counts, its frame numbers shifted by the {@code framesBefore} recorded here. */
  void merge(DecodeProblemCounter from, long framesBefore) {
    for (int i = 0; i < byStatus.length; i++) {
      byStatus[i] += from.byStatus[i];
    }
    for (int i = 0; i < from.examples; i++) {
      addExample(framesBefore + from.exampleFrames[i], from.exampleStatuses[i]);
    }
  }

  DecodeProblems snapshot() {
    long frames = 0;
    Map<String, Long> reasons = new TreeMap<>();
    for (int status = 0; status < byStatus.length; status++) {
      if (status != DecodeStatus.OK && byStatus[status] != 0) {
        frames += byStatus[status];
        reasons.put(DecodeStatus.name(status), byStatus[status]);
      }
    }
    List<DecodeExample> rows = new ArrayList<>(examples);
    for (int i = 0; i < examples; i++) {
      rows.add(new DecodeExample(exampleFrames[i], DecodeStatus.name(exampleStatuses[i])));
    }
    return new DecodeProblems(frames, Collections.unmodifiableMap(reasons), List.copyOf(rows));
  }

  private void addExample(long frameNumber, int status) {
    if (examples < MAX_EXAMPLES) {
      exampleFrames[examples] = frameNumber;
      exampleStatuses[examples] = status;
      examples++;
    }
  }
}
