package io.netanal.detect;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One detection episode, {@code netanal.alert/1} (DESIGN.md section 6): raised once per (type, source, target)
 * episode and updated while it lasts. The component names are the JSON contract.
 *
 * <p>An immutable value; an update is a new value with the same type, source and target. {@code source} or
 * {@code target} is {@code "many"} when the traffic came from or went to many addresses; {@code targetPorts} is
 * null where ports do not apply. {@code window}, {@code start} and {@code end} span the episode (the window size
 * whose numbers are in {@code evidence}, the first window's start, the last window's end); {@code evidence} holds
 * each metric that crossed its line next to the line ({@code metric} and {@code metricThreshold}), from the
 * episode's strongest window; {@code windows} counts the windows that raised it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(String schema, String type, String severity, String source, String target,
    List<Integer> targetPorts, String window, String start, String end, Map<String, Number> evidence,
    String summary, long windows) {
  public static final String SCHEMA = "netanal.alert/1";
  public static final String MANY = "many";

  public Alert {
    targetPorts = targetPorts == null ? null : List.copyOf(targetPorts);
    evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
  }
}
