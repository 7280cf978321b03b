package io.netanal.flow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Community ID v1 (corelight/community-id-spec): a flow hash that other tools (Zeek, Suricata, tshark) compute the
 * same way, seed 0.
 *
 * <pre>
 *   SHA-1( seed (2) | source address (4 or 16) | destination address | IP protocol (1) | 0 (1)
 *          | source port (2) | destination port (2) )          ports only for TCP, UDP, SCTP, ICMP, ICMPv6
 *   "1:" + base64(digest)
 * </pre>
 * The endpoint with the smaller address (then port) comes first. ICMP uses the message type as source port and
 * its counterpart type (echo request/reply and the other request/reply pairs) as destination port; a type without
 * counterpart uses its code and is "one-way": never reordered.
 *
 * <p>Not thread-safe: one instance per thread (it reuses its digest and buffers). Computed at most once per flow,
 * when its record is first asked for it, never per packet; the input always fits one SHA-1 block, so the digest is
 * {@link OneBlockSha1}'s and its base64 is written here straight into the text's bytes.
 */
final class CommunityId {
  static final int ICMP = 1;
  static final int TCP = 6;
  static final int UDP = 17;
  static final int ICMPV6 = 58;
  static final int SCTP = 132;

  private static final byte[] BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);

  private final OneBlockSha1 sha1 = new OneBlockSha1();
  private final byte[] input = new byte[2 + 16 + 16 + 1 + 1 + 2 + 2];
  private final byte[] digest = new byte[OneBlockSha1.DIGEST_LENGTH];
  /** "1:" and the digest in base64 (RFC 4648, padded): 27 characters and one '='. */
  private final byte[] text = new byte[2 + 28];

  /** The ICMP counterpart of {@code type} (v4: 8/0, 13/14, 15/16, 10/9, 17/18), or -1 when it has none. */
  static int icmpCounterpart(int type) {
    return switch (type) {
      case 8 -> 0;
      case 0 -> 8;
      case 13 -> 14;
      case 14 -> 13;
      case 15 -> 16;
      case 16 -> 15;
      case 10 -> 9;
      case 9 -> 10;
      case 17 -> 18;
      case 18 -> 17;
      default -> -1;
    };
  }

  /** The ICMPv6 counterpart of {@code type} (128/129, 130/131, 133/134, 135/136, 139/140, 144/145), or -1. */
  static int icmpv6Counterpart(int type) {
    return switch (type) {
      case 128 -> 129;
      case 129 -> 128;
      case 130 -> 131;
      case 131 -> 130;
      case 133 -> 134;
      case 134 -> 133;
      case 135 -> 136;
      case 136 -> 135;
      case 139 -> 140;
      case 140 -> 139;
      case 144 -> 145;
      case 145 -> 144;
      default -> -1;
    };
  }

  /**
   * The ID of a flow given as sent from {@code source} to {@code destination}: addresses as 4 or 16 bytes, ports
   * (for ICMP: type and code) as they appear in that direction.
   */
  String of(byte[] source, byte[] destination, int protocol, int sourcePort, int destinationPort) {
    return of(source.length == 4 ? 4 : 6, high(source), low(source), high(destination), low(destination), protocol,
        sourcePort, destinationPort);
  }

  /**
   * As {@link #of(byte[], byte[], int, int, int)}, with the addresses as the flow table keeps them: IP version,
   * then each address as two longs (IPv4 in the low 32 bits of the low long, the high long 0).
   */
  String of(int version, long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int protocol,
      int sourcePort, int destinationPort) {
    boolean oneWay = false;
    if (protocol == ICMP || protocol == ICMPV6) {
      int counterpart = protocol == ICMP ? icmpCounterpart(sourcePort) : icmpv6Counterpart(sourcePort);
      if (counterpart < 0) {
        oneWay = true; // the code stands in for the destination port
      } else {
        destinationPort = counterpart;
      }
    }
    boolean hasPorts = protocol == TCP || protocol == UDP || protocol == SCTP || protocol == ICMP
        || protocol == ICMPV6;
    if (!oneWay) {
      int c = Long.compareUnsigned(sourceHigh, destinationHigh);
      if (c == 0) {
        c = Long.compareUnsigned(sourceLow, destinationLow);
      }
      if (c > 0 || (c == 0 && hasPorts && sourcePort > destinationPort)) {
        long h = sourceHigh;
        sourceHigh = destinationHigh;
        destinationHigh = h;
        long l = sourceLow;
        sourceLow = destinationLow;
        destinationLow = l;
        int p = sourcePort;
        sourcePort = destinationPort;
        destinationPort = p;
      }
    }
    int n = 0;
    input[n++] = 0; // seed 0, 16 bits
    input[n++] = 0;
    n = put(version, sourceHigh, sourceLow, n);
    n = put(version, destinationHigh, destinationLow, n);
    input[n++] = (byte) protocol;
    input[n++] = 0; // padding
    if (hasPorts) {
      input[n++] = (byte) (sourcePort >>> 8);
      input[n++] = (byte) sourcePort;
      input[n++] = (byte) (destinationPort >>> 8);
      input[n++] = (byte) destinationPort;
    }
    sha1.digest(input, n, digest);
    return text();
  }

  /** "1:" + base64 of the digest: six groups of three bytes, then the last two as three characters and '='. */
  private String text() {
    byte[] out = text;
    out[0] = '1';
    out[1] = ':';
    int o = 2;
    for (int i = 0; i < 18; i += 3) {
      int bits = (digest[i] & 0xff) << 16 | (digest[i + 1] & 0xff) << 8 | (digest[i + 2] & 0xff);
      out[o++] = BASE64[bits >>> 18];
      out[o++] = BASE64[(bits >>> 12) & 0x3f];
      out[o++] = BASE64[(bits >>> 6) & 0x3f];
      out[o++] = BASE64[bits & 0x3f];
    }
    int bits = (digest[18] & 0xff) << 16 | (digest[19] & 0xff) << 8;
    out[o++] = BASE64[bits >>> 18];
    out[o++] = BASE64[(bits >>> 12) & 0x3f];
    out[o++] = BASE64[(bits >>> 6) & 0x3f];
    out[o] = '=';
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /** Writes an address (4 bytes for IPv4, 16 for IPv6) into the input at {@code n}; returns the next offset. */
  private int put(int version, long high, long low, int n) {
    if (version != 4) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        input[n++] = (byte) (high >>> shift);
      }
      for (int shift = 56; shift >= 0; shift -= 8) {
        input[n++] = (byte) (low >>> shift);
      }
      return n;
    }
    for (int shift = 24; shift >= 0; shift -= 8) {
      input[n++] = (byte) (low >>> shift);
    }
    return n;
  }

  private static long high(byte[] address) {
    return address.length == 4 ? 0 : ByteBuffer.wrap(address).getLong(0);
  }

  private static long low(byte[] address) {
    return address.length == 4 ? ByteBuffer.wrap(address).getInt(0) & 0xffffffffL
        : ByteBuffer.wrap(address).getLong(8);
  }
}
