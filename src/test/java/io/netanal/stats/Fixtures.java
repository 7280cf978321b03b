package io.netanal.stats;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.FrameFixture;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Builds decoded frames and addresses for the statistics tests from readable literals. */
final class Fixtures {
  private Fixtures() {}

  static int v4(String literal) {
    return ByteBuffer.wrap(bytes(literal, 4)).getInt();
  }

  static long v6High(String literal) {
    return ByteBuffer.wrap(bytes(literal, 16)).getLong(0);
  }

  static long v6Low(String literal) {
    return ByteBuffer.wrap(bytes(literal, 16)).getLong(8);
  }

  /** A frame with one IPv4 layer. */
  static DecodedFrame ipv4(String source, String destination) {
    DecodedFrame frame = new DecodedFrame();
    frame.reset();
    return FrameFixture.on(frame).withIpv4(v4(source), v4(destination)).frame();
  }

  /** A frame with one IPv4 layer, addresses as ints. */
  static DecodedFrame ipv4Of(int source, int destination) {
    DecodedFrame frame = new DecodedFrame();
    frame.reset();
    return FrameFixture.on(frame).withIpv4(source, destination).frame();
  }

  /** A frame with one IPv6 layer. */
  static DecodedFrame ipv6(String source, String destination) {
    DecodedFrame frame = new DecodedFrame();
    frame.reset();
    return FrameFixture.on(frame)
        .withIpv6(v6High(source), v6Low(source), v6High(destination), v6Low(destination)).frame();
  }

  static DecodedFrame empty() {
    DecodedFrame frame = new DecodedFrame();
    frame.reset();
    return frame;
  }

  private static byte[] bytes(String literal, int length) {
    try {
      byte[] address = InetAddress.getByName(literal).getAddress();
      if (address.length != length) {
        // InetAddress turns ::ffff:a.b.c.d into an Inet4Address; tests use only plain literals of each family.
        throw new IllegalArgumentException("address " + literal + " has " + address.length + " bytes");
      }
      return address;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
