package io.netanal.store;

import com.fasterxml.jackson.annotation.JsonValue;
import io.netanal.InvalidInputException;

/**
 * The window sizes the collector keeps, aligned to the epoch: a window of size S starts at every multiple of S
 * seconds. The 30 s and 3 min rows are merges of the 5 s rows (counts add up), so every size agrees.
 */
public enum WindowSize {
  FIVE_SECONDS("5s", 5),
  THIRTY_SECONDS("30s", 30),
  THREE_MINUTES("3m", 180);

  private final String label;
  private final int seconds;

  WindowSize(String label, int seconds) {
    this.label = label;
    this.seconds = seconds;
  }

  @JsonValue
  public String label() {
    return label;
  }

  public int seconds() {
    return seconds;
  }

  /** The start (epoch seconds) of the window holding {@code epochSeconds}; floors negative times too. */
  public long startOf(long epochSeconds) {
    return Math.floorDiv(epochSeconds, seconds) * seconds;
  }

  /** The size named {@code label} ({@code 5s}, {@code 30s}, {@code 3m}). */
  public static WindowSize parse(String what, String label) {
    for (WindowSize w : values()) {
      if (w.label.equals(label)) {
        return w;
      }
    }
    throw new InvalidInputException(what + ": " + label + " (expected: 5s, 30s or 3m)");
  }

  public static WindowSize ofSeconds(int seconds) {
    for (WindowSize w : values()) {
      if (w.seconds == seconds) {
        return w;
      }
    }
    throw new IllegalArgumentException("window seconds: " + seconds + " (expected: 5, 30 or 180)");
  }
}
