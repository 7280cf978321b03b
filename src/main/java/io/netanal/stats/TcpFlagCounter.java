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
  // Indexed by the flag's bit number (FIN 0 ... CWR 7); SYN without ACK is counted apart.
  private final long[] byBit = new long[8];
  private long synWithoutAck;

  /** {@code flags} as {@code DecodedFrame.tcpFlags()}: negative when the frame has no TCP header. */
  void record(int flags) {
    if (flags < 0) {
      return;
    }
    for (int rest = flags & 0xff; rest != 0; rest &= rest - 1) {
      byBit[Integer.numberOfTrailingZeros(rest)]++;
    }
    if ((flags & (SYN | ACK)) == SYN) {
      synWithoutAck++;
    }
  }

  void merge(TcpFlagCounter from) {
    for (int i = 0; i < byBit.length; i++) {
      byBit[i] += from.byBit[i];
    }
    synWithoutAck += from.synWithoutAck;
  }

  TcpFlags snapshot() {
    long syn = count(SYN);
    return new TcpFlags(synWithoutAck, syn - synWithoutAck, count(FIN), count(RST), count(PSH), count(ACK),
        count(URG), count(ECE), count(CWR));
  }

  private long count(int flag) {
    return byBit[Integer.numberOfTrailingZeros(flag)];
  }
}
