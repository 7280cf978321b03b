package io.netanal.window;

import io.netanal.decode.DecodedFrame;
import io.netanal.frame.AddressFormat;

/**
 * Addresses as two longs, the way the window tables key them: IPv6 as read (high, low), IPv4 as its IPv4-mapped
 * IPv6 form ({@code ::ffff:a.b.c.d}: high 0, low {@code 0xffff_xxxxxxxx}), so one table holds both families. A real
 * IPv6 packet from a mapped address is the same host and shares the row.
 *
 * <p>Stateless; any thread.
 */
final class AddressKeys {
  private static final long IPV4_MAPPED = 0xffff_0000_0000L;

  private AddressKeys() {}

  static long sourceHigh(DecodedFrame d, int layer) {
    return d.ipVersion(layer) == 4 ? 0 : d.ipv6SourceHigh(layer);
  }

  static long sourceLow(DecodedFrame d, int layer) {
    return d.ipVersion(layer) == 4 ? IPV4_MAPPED | (d.ipv4Source(layer) & 0xffff_ffffL) : d.ipv6SourceLow(layer);
  }

  static long destinationHigh(DecodedFrame d, int layer) {
    return d.ipVersion(layer) == 4 ? 0 : d.ipv6DestinationHigh(layer);
  }

  static long destinationLow(DecodedFrame d, int layer) {
    return d.ipVersion(layer) == 4 ? IPV4_MAPPED | (d.ipv4Destination(layer) & 0xffff_ffffL)
        : d.ipv6DestinationLow(layer);
  }

  static long ipv4(int address) {
    return IPV4_MAPPED | (address & 0xffff_ffffL);
  }

  static String format(long high, long low) {
    if (high == 0 && (low >>> 32) == 0xffff) {
      return AddressFormat.ipv4((int) low);
    }
    return AddressFormat.ipv6(high, low);
  }

  /** Multicast (224.0.0.0/4, ff00::/8) or the IPv4 limited broadcast: many receivers, not one host. */
  static boolean isGroup(long high, long low) {
    if (high == 0 && (low >>> 32) == 0xffff) {
      int v4 = (int) low;
      return (v4 >>> 28) == 0xe || v4 == -1;
    }
    return (high >>> 56) == 0xff;
  }

  /** A well-mixed 64-bit hash of an address (for tables and sketches). */
  static long hash(long high, long low) {
    return mix(high * 0x9E3779B97F4A7C15L + low);
  }

  /** The SplitMix64 finaliser: every input bit affects every output bit, as HyperLogLog needs. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
