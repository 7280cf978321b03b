package io.netanal.window;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Turns an address written as text (a flow record's) back into a window table key. Off the per-packet path: once
 * per flow record. Stateless; any thread.
 */
final class AddressText {
  private AddressText() {}

  /** {@code {high, low}} of an IPv4 or IPv6 literal, or null when {@code text} is not one. */
  static long[] parse(String text) {
    if (text == null || text.isEmpty() || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.'
        || c == ':')) {
      return null; // only literals: InetAddress must never be asked to resolve a name
    }
    try {
      byte[] bytes = InetAddress.getByName(text).getAddress();
      if (bytes.length == 4) {
        return new long[] {0, AddressKeys.ipv4(ByteBuffer.wrap(bytes).getInt())};
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      return new long[] {b.getLong(), b.getLong()};
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
