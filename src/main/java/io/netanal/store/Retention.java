package io.netanal.store;

import io.netanal.InvalidInputException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long the window rows of each size are kept ({@code --retain 5s=1d,30s=7d,3m=30d}), measured back from the
 * newest stored window of that size rather than from the wall clock: a collector fed old captures keeps them, a
 * live one keeps the last day. Flows and alerts follow the longest retention.
 */
public record Retention(Map<WindowSize, Duration> keep) {
  public static final String DEFAULT = "5s=1d,30s=7d,3m=30d";

  public Retention {
    keep = Collections.unmodifiableMap(new EnumMap<>(keep));
  }

  /** Parses {@code SIZE=DURATION[,...]}; durations are a number and {@code s}, {@code m}, {@code h} or {@code d}. */
  public static Retention parse(String text) {
    Map<WindowSize, Duration> keep = new EnumMap<>(WindowSize.class);
    parseInto(DEFAULT, keep);
    parseInto(text, keep);
    return new Retention(keep);
  }

  private static void parseInto(String text, Map<WindowSize, Duration> keep) {
    for (String part : text.split(",", -1)) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new InvalidInputException("retain: " + text + " (expected: SIZE=DURATION[,...], e.g. "
            + DEFAULT + ")");
      }
      WindowSize size = WindowSize.parse("retain", part.substring(0, eq).trim());
      keep.put(size, duration(text, part.substring(eq + 1).trim()));
    }
  }

  private static Duration duration(String text, String value) {
    if (value.matches("[1-9][0-9]{0,5}[smhd]")) {
      long n = Long.parseLong(value.substring(0, value.length() - 1));
      switch (value.charAt(value.length() - 1)) {
        case 's': return Duration.ofSeconds(n);
        case 'm': return Duration.ofMinutes(n);
        case 'h': return Duration.ofHours(n);
        default: return Duration.ofDays(n);
      }
    }
    throw new InvalidInputException("retain: " + value + " in " + text
        + " (expected: a positive number with s, m, h or d, e.g. 7d)");
  }

  Duration longest() {
    return keep.values().stream().max(Duration::compareTo).orElseThrow();
  }
}
