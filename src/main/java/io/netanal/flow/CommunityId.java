package io.netanal.flow;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

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
 * <p>Not thread-safe: one instance per thread (it reuses its digest and buffer). Computed once per flow, when its
 * record is made, never per packet.
 */
final class CommunityId {
  static final int ICMP = 1;
  static final int TCP = 6;
  static final int UDP = 17;
  static final int ICMPV6 = 58;
  static final int SCTP = 132;

  private final MessageDigest sha1;
  private final byte[] input = new byte[2 + 16 + 16 + 1 + 1 + 2 + 2];

  CommunityId() {
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1: not available (every Java platform must provide it)", e);
    }
  }

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
      int c = compareUnsigned(source, destination);
      if (c > 0 || (c == 0 && hasPorts && sourcePort > destinationPort)) {
        byte[] a = source;
        source = destination;
        destination = a;
        int p = sourcePort;
        sourcePort = destinationPort;
        destinationPort = p;
      }
    }
    int n = 0;
    input[n++] = 0; // seed 0, 16 bits
    input[n++] = 0;
    System.arraycopy(source, 0, input, n, source.length);
    n += source.length;
    System.arraycopy(destination, 0, input, n, destination.length);
    n += destination.length;
    input[n++] = (byte) protocol;
    input[n++] = 0; // padding
    if (hasPorts) {
      input[n++] = (byte) (sourcePort >>> 8);
      input[n++] = (byte) sourcePort;
      input[n++] = (byte) (destinationPort >>> 8);
      input[n++] = (byte) destinationPort;
    }
    sha1.reset();
    sha1.update(input, 0, n);
    return "1:" + Base64.getEncoder().encodeToString(sha1.digest());
  }

  private static int compareUnsigned(byte[] a, byte[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }
}
