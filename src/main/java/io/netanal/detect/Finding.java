package io.netanal.detect;

import java.util.List;
import java.util.Map;

/**
 * What one detector saw in one window for one (type, source, target): the raw material of an {@link Alert}
 * episode. {@code strength} is the main metric over its threshold, to keep the strongest window's evidence.
 */
record Finding(AlertType type, Severity severity, String source, String target, List<Integer> targetPorts,
    String window, long startNanos, long endNanos, Map<String, Number> evidence, String summary, double strength) {

  String key() {
    return type.id() + '|' + source + '|' + target;
  }
}
