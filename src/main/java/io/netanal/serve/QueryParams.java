package io.netanal.serve;

import io.netanal.InvalidInputException;
import io.netanal.frame.AddressFormat;
import io.netanal.store.TimeRange;
import io.netanal.store.WindowSize;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Parses and checks the API's query parameters; every refusal is a 400 naming the parameter, the rule and the
 * value. Times ({@code from}, {@code to}) are epoch seconds (fractions allowed) or ISO-8601 instants.
 *
 * <p>Stateless; any thread.
 */
final class QueryParams {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;
  private static final Pattern EPOCH = Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{1,9})?");
  private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private QueryParams() {}

  static TimeRange range(String from, String to) {
    Long f = time("from", from);
    Long t = time("to", to);
    if (f != null && t != null && f > t) {
      throw ApiException.badRequest("from: " + from + " is after to: " + to + " (expected: from <= to)");
    }
    return new TimeRange(f, t);
  }

  static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    if (text.matches("[0-9]{1,6}")) {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    }
    throw ApiException.badRequest("limit: " + ApiException.printable(text) + " (expected: 1 to " + MAX_LIMIT + ")");
  }

  static WindowSize window(String text) {
    if (text == null) {
      return WindowSize.FIVE_SECONDS;
    }
    try {
      return WindowSize.parse("window", ApiException.printable(text));
    } catch (InvalidInputException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /** The address in the store's spelling (IPv6 compressed as the reports write it), or null for none. */
  static String address(String text) {
    if (text == null) {
      return null;
    }
    if (ADDRESS.matcher(text).matches() && text.indexOf(':') + text.indexOf('.') > -2) {
      try {
        // Only literals reach here (no letters beyond hex, so no name lookup can happen).
        byte[] raw = InetAddress.getByName(text).getAddress();
        ByteBuffer b = ByteBuffer.wrap(raw);
        return raw.length == 4 ? AddressFormat.ipv4(b.getInt(0)) : AddressFormat.ipv6(b.getLong(0), b.getLong(8));
      } catch (UnknownHostException e) {
        // fall through to the refusal
      }
    }
    throw ApiException.badRequest("address: " + ApiException.printable(text)
        + " (expected: an IPv4 or IPv6 address)");
  }

  private static Long time(String name, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      if (EPOCH.matcher(text).matches()) {
        return new BigDecimal(text).movePointRight(9).longValueExact();
      }
      Instant i = Instant.parse(text);
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    } catch (DateTimeParseException | ArithmeticException e) {
      // fall through to the refusal
    }
    throw ApiException.badRequest(name + ": " + ApiException.printable(text)
        + " (expected: epoch seconds like 1700000000.5, or an ISO-8601 instant like 2026-12-01T12:00:00Z)");
  }
}
