package io.netanal.stats;

import static io.netanal.decode.TcpFlag.ACK;
import static io.netanal.decode.TcpFlag.CWR;
import static io.netanal.decode.TcpFlag.ECE;
import static io.netanal.decode.TcpFlag.FIN;
import static io.netanal.decode.TcpFlag.PSH;
import static io.netanal.decode.TcpFlag.RST;
import static io.netanal.decode.TcpFlag.SYN;
import static io.netanal.decode.TcpFlag.URG;

/**
 * TCP segments per flag, over frames that have a TCP header; {@code syn} counts SYN without ACK and
 * {@code synAck} SYN with ACK, so a handshake's two halves can be told apart.
 *
 * <p>Owned by the one thread that records.
 */
final class TcpFlagCounter {
  // Segments per combination of the eight flag bits (FIN 0x01 ... CWR 0x80): one increment per segment, where a
  // count per flag took a loop over the set bits; the flags are summed from the combinations in snapshot().
  private final long[] byFlags = new long[256];

  /** {@code flags} as {@code DecodedFrame.tcpFlags()}: negative when the frame has no TCP header. */
  void record(int flags) {
    if (flags >= 0) {
      byFlags[flags & 0xff]++;
    }
  }

  void merge(TcpFlagCounter from) {
    for (int i = 0; i < byFlags.length; i++) {
      byFlags[i] += from.byFlags[i];
    }
  }

  TcpFlags snapshot() {
    long syn = count(SYN);
    long synWithoutAck = 0;
    for (int flags = 0; flags < byFlags.length; flags++) {
      if ((flags & (SYN | ACK)) == SYN) {
        synWithoutAck += byFlags[flags];
      }
    }
    return new TcpFlags(synWithoutAck, syn - synWithoutAck, count(FIN), count(RST), count(PSH), count(ACK),
        count(URG), count(ECE), count(CWR));
  }

  /** Segments with {@code flag} set, whatever else is. */
  private long count(int flag) {
    long sum = 0;
    for (int flags = 0; flags < byFlags.length; flags++) {
      if ((flags & flag) != 0) {
        sum += byFlags[flags];
      }
    }
    return sum;
  }
}
