package io.netanal.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a span of time as users write it: a whole number and a unit, {@code 500ms}, {@code 5s}, {@code 10m},
 * {@code 1h}, {@code 1d}; a bare number is seconds. Stateless; any thread.
 */
final class TimeSpanConverter implements ITypeConverter<Duration> {
  private static final Pattern SPAN = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");

  @Override
  public Duration convert(String value) {
    Matcher m = SPAN.matcher(value.trim());
    if (!m.matches()) {
      throw new TypeConversionException("'" + value + "' (expected: a whole number and ms, s, m, h or d, e.g. 5s)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
