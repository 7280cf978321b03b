package io.netanal.detect;

import io.netanal.window.WindowRows;
import java.util.List;

/**
 * Looks at one address's row in one closed window and adds a {@link Finding} when its numbers cross the
 * detector's lines. Stateless apart from what the {@link AlertEngine} hands it; called on the engine's thread.
 *
 * <p>The engine first asks {@link #wants} of every row (a few primitive reads, no side effects), then calls
 * {@link #inspect} for the rows some detector wants, in the order of the window's records: the order in which
 * findings are raised and baselines move is the records' order, while rows nobody wants never get a record or an
 * address text.
 */
interface Detector {
  AlertType type();

  /**
   * Whether this detector reads only the smallest window size: then {@link #wants} is false for every row of a
   * larger one, and the engine does not ask.
   */
  default boolean smallestWindowOnly() {
    return false;
  }

  /** Whether {@link #inspect} could add a finding or move a baseline for row {@code r}; no side effects. */
  boolean wants(WindowRows w, int r, Context context);

  /** Inspects row {@code r}, which this detector {@link #wants}. */
  void inspect(WindowRows w, int r, Context context, List<Finding> out);

  /** What a detector may need beyond the row: the settings, whether this is the smallest window, baselines. */
  record Context(DetectionSettings settings, boolean smallestWindow, Baselines baselines) {}
}
