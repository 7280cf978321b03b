package io.netanal.detect;

import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowRecord;
import java.util.List;

/**
 * Looks at one address's record in one closed window and adds a {@link Finding} when its numbers cross the
 * detector's lines. Stateless apart from what the {@link AlertEngine} hands it; called on the engine's thread.
 */
interface Detector {
  AlertType type();

  void inspect(ClosedWindow window, WindowRecord record, Context context, List<Finding> out);

  /** What a detector may need beyond the record: the settings, whether this is the smallest window, baselines. */
  record Context(DetectionSettings settings, boolean smallestWindow, Baselines baselines) {}
}
