package io.netanal.window;

import io.netanal.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The window sizes asked for ({@code --windows 5s,30s,3m}): each a multiple of the {@value #BASE_SECONDS} s base
 * window, from which every larger window is merged, so all of them are aligned to the epoch and to each other.
 *
 * @param nanos the sizes in nanoseconds, ascending, without duplicates
 */
public record WindowSizes(List<Long> nanos) {
  public static final int BASE_SECONDS = 5;
  public static final long BASE_NANOS = BASE_SECONDS * 1_000_000_000L;
  public static final String DEFAULT = "5s,30s,3m";
  /** One day: a longer window would hold a day of state for nothing a detector reads. */
  private static final long MAX_SECONDS = 86_400;

  public WindowSizes {
    nanos = List.copyOf(nanos);
  }

  public static WindowSizes defaults() {
    return parse(DEFAULT);
  }

  /** Parses a comma-separated list like {@code 5s,30s,3m,1h}; throws {@link InvalidInputException} when bad. */
  public static WindowSizes parse(String text) {
    TreeSet<Long> sizes = new TreeSet<>();
    for (String part : text.split(",", -1)) {
      sizes.add(seconds(part.trim(), text) * 1_000_000_000L);
    }
    return new WindowSizes(new ArrayList<>(sizes));
  }

  private static long seconds(String part, String text) {
    String rule = " (expected: sizes like 5s,30s,3m,1h, each a multiple of " + BASE_SECONDS + "s, at most 1d)";
    if (part.length() < 2) {
      throw new InvalidInputException("--windows: " + text + rule);
    }
    long unit = switch (part.toLowerCase(Locale.ROOT).charAt(part.length() - 1)) {
      case 's' -> 1;
      case 'm' -> 60;
      case 'h' -> 3600;
      case 'd' -> 86_400;
      default -> -1;
    };
    long value;
    try {
      value = Long.parseLong(part.substring(0, part.length() - 1));
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (unit < 0 || value <= 0 || value > MAX_SECONDS || value * unit > MAX_SECONDS
        || value * unit % BASE_SECONDS != 0) {
      throw new InvalidInputException("--windows: " + part + rule);
    }
    return value * unit;
  }

  /** The label of a size: {@code 5s}, {@code 30s}, {@code 3m}, {@code 1h}. */
  public static String label(long sizeNanos) {
    long s = sizeNanos / 1_000_000_000L;
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  public boolean includesBase() {
    return nanos.get(0) == BASE_NANOS;
  }
}
