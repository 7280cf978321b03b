package io.netanal.term;

import io.netanal.decode.DecodeStatus;
import io.netanal.decode.DecodedFrame;
import io.netanal.decode.Protocol;
import io.netanal.decode.TcpFlag;
import io.netanal.frame.AddressFormat;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The {@code capture -v} view of one packet, in the spirit of tcpdump's one-liners:
 * {@code 14:03:07.123456 tls 192.0.2.1:51234 > 198.51.100.7:443 len 1514 [P.]}. The protocol is the highest-layer
 * one the decoder found, the addresses the innermost IP header's, the flags tcpdump's letters (S F P R U W E, and
 * {@code .} for ACK). IPv6 addresses with a port are bracketed ({@code [2001:db8::1]:443}).
 *
 * <p>Makes a String per packet: it is output, called only with {@code -v}, on the consumer thread that owns the
 * {@link DecodedFrame}; one instance per thread.
 */
public final class PacketLine {
  private final ZoneId zone;

  /** Times are shown in {@code zone} (tcpdump shows local time: pass {@code ZoneId.systemDefault()}). */
  public PacketLine(ZoneId zone) {
    this.zone = zone;
  }

  /** The line for a frame captured at {@code timestampNanos} (epoch), without a line separator. */
  public String format(long timestampNanos, DecodedFrame frame, int capturedLength, int originalLength) {
    StringBuilder sb = new StringBuilder(96);
    appendTime(sb, timestampNanos);
    sb.append(' ').append(protocolName(frame));
    int layer = frame.ipCount() - 1;
    if (layer >= 0) {
      sb.append(' ').append(endpoint(frame, layer, true)).append(" > ").append(endpoint(frame, layer, false));
    }
    long wireLength = Integer.toUnsignedLong(originalLength); // unsigned 32-bit, as in pcap
    sb.append(" len ").append(wireLength);
    if (capturedLength < wireLength) {
      sb.append(" caplen ").append(capturedLength);
    }
    if (frame.tcpFlags() != DecodedFrame.NONE) {
      sb.append(" [").append(tcpFlags(frame.tcpFlags())).append(']');
    }
    if (frame.status() != DecodeStatus.OK) {
      sb.append(" (").append(DecodeStatus.name(frame.status())).append(')');
    }
    return sb.toString();
  }

  private void appendTime(StringBuilder sb, long timestampNanos) {
    long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
    long nanos = Math.floorMod(timestampNanos, 1_000_000_000L);
    LocalTime t = Instant.ofEpochSecond(seconds).atZone(zone).toLocalTime();
    sb.append(two(t.getHour())).append(':').append(two(t.getMinute())).append(':').append(two(t.getSecond()))
        .append('.');
    String micros = Long.toString(nanos / 1000);
    sb.append("0".repeat(6 - micros.length())).append(micros);
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }

  /** The highest-layer protocol present ({@link Protocol#highest}), or {@code frame} when none was decoded. */
  static String protocolName(DecodedFrame frame) {
    int id = Protocol.highest(frame.protocols());
    return id < 0 ? "frame" : Protocol.name(id);
  }

  private static String endpoint(DecodedFrame f, int layer, boolean source) {
    int port = source ? f.sourcePort() : f.destinationPort();
    boolean hasPort = f.transportProtocol() != DecodedFrame.NO_TRANSPORT && port != DecodedFrame.NONE;
    if (f.ipVersion(layer) == 4) {
      String a = AddressFormat.ipv4(source ? f.ipv4Source(layer) : f.ipv4Destination(layer));
      return hasPort ? a + ":" + port : a;
    }
    String a = source ? AddressFormat.ipv6(f.ipv6SourceHigh(layer), f.ipv6SourceLow(layer))
        : AddressFormat.ipv6(f.ipv6DestinationHigh(layer), f.ipv6DestinationLow(layer));
    return hasPort ? "[" + a + "]:" + port : a;
  }

  /** tcpdump's flag letters: {@code S} SYN, {@code F} FIN, {@code P} PSH, {@code R} RST, {@code U} URG,
   * {@code W} CWR, {@code E} ECE, {@code .} ACK; {@code none} when no flag is set. */
  static String tcpFlags(int flags) {
    StringBuilder sb = new StringBuilder(8);
    if ((flags & TcpFlag.SYN) != 0) {
      sb.append('S');
    }
    if ((flags & TcpFlag.FIN) != 0) {
      sb.append('F');
    }
    if ((flags & TcpFlag.PSH) != 0) {
      sb.append('P');
    }
    if ((flags & TcpFlag.RST) != 0) {
      sb.append('R');
    }
    if ((flags & TcpFlag.URG) != 0) {
      sb.append('U');
    }
    if ((flags & TcpFlag.CWR) != 0) {
      sb.append('W');
    }
    if ((flags & TcpFlag.ECE) != 0) {
      sb.append('E');
    }
    if ((flags & TcpFlag.ACK) != 0) {
      sb.append('.');
    }
    return sb.length() == 0 ? "none" : sb.toString();
  }
}
