package io.netanal.flow;

import static io.netanal.flow.TcpEndpoint.CLOSED;
import static io.netanal.flow.TcpEndpoint.ESTABLISHED;
import static io.netanal.flow.TcpEndpoint.INACTIVE;
import static io.netanal.flow.TcpEndpoint.PARTIAL;
import static io.netanal.flow.TcpEndpoint.RESET;
import static io.netanal.flow.TcpEndpoint.SYN_ACK_SENT;
import static io.netanal.flow.TcpEndpoint.SYN_SENT;

/**
 * Zeek's TCP analyzer, reduced to what a connection record needs: for each segment, the history letters
 * ({@code update_history} in Zeek's TCP.cc), the endpoint state machine ({@code UpdateInactiveState},
 * {@code UpdateSYN_SentState}, {@code UpdateEstablishedState}, {@code UpdateClosedState},
 * {@code UpdateResetState}), sequence space (payload bytes, retransmissions, content gaps) and the handshake RTT.
 *
 * <p>Stateless; called on the flow table's thread.
 */
final class TcpTracker {
  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int ACK = 0x10;

  // Zeek's HIST_* bits: a letter recorded once per direction.
  static final int HIST_SYN = 0x1;
  static final int HIST_FIN = 0x2;
  static final int HIST_RST = 0x4;
  static final int HIST_FIN_RST = 0x8;
  static final int HIST_ACK = 0x10;
  static final int HIST_DATA = 0x20;
  static final int HIST_MULTI_FLAG = 0x40;

  private TcpTracker() {}

  /**
   * Feeds one segment of {@code flow} sent by {@code direction}.
   *
   * @param length payload bytes as the headers declare them
   */
  static void segment(Flow flow, int direction, long ts, int flags, int sequence, int acknowledgment, int window,
      int length) {
    TcpEndpoint endpoint = flow.tcp(direction);
    TcpEndpoint peer = flow.tcp(1 - direction);
    boolean syn = (flags & SYN) != 0;
    boolean fin = (flags & FIN) != 0;
    boolean rst = (flags & RST) != 0;
    boolean ack = (flags & ACK) != 0;
    if (!endpoint.hasSequence) {
      endpoint.initSequence(sequence, syn);
    }
    long relative = endpoint.relative(sequence);
    history(flow, endpoint, direction, flags, relative, length);
    // Zeek's zero window: a window of 0 on a segment without SYN, FIN or RST ('W', logarithmic).
    if (window == 0 && !syn && !fin && !rst
        && TcpEndpoint.scaled(++endpoint.zeroWindowEvents)) {
      flow.addHistory('W', direction);
    }
    // Most segments (data or an ACK) move no endpoint past INACTIVE: every other transition needs a SYN, FIN or RST.
    if (syn || fin || rst || endpoint.state == INACTIVE) {
      stateMachine(flow, endpoint, peer, direction, syn, fin, rst, ack, sequence, length);
    }
    sequenceSpace(flow, endpoint, peer, direction, syn, fin, ack, relative, acknowledgment, length);
    handshakeTiming(flow, direction, ts, syn, ack);
  }

  /** Zeek's update_history(). */
  private static void history(Flow flow, TcpEndpoint endpoint, int direction, int flags, long relative,
      int length) {
    boolean syn = (flags & SYN) != 0;
    boolean fin = (flags & FIN) != 0;
    boolean rst = (flags & RST) != 0;
    int bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
    if (bits > 1) {
      if (fin && rst) {
        flow.checkHistory(HIST_FIN_RST, 'I', direction); // 'I': FIN and RST in one packet, once per direction
      } else {
        flow.checkHistory(HIST_MULTI_FLAG, 'Q', direction); // 'Q': SYN with FIN or RST, once per direction
      }
    } else if (bits == 1) {
      if (syn) {
        // 'S' SYN, 'H' SYN-ACK: again only when the sequence number differs from the last SYN's.
        char letter = (flags & ACK) != 0 ? 'H' : 'S';
        if (flow.checkHistory(HIST_SYN, letter, direction) && relative != endpoint.lastSynSequence) {
          flow.addHistory(letter, direction);
        }
        endpoint.lastSynSequence = relative;
      }
      if (fin) {
        // 'F': a FIN's sequence number is the one after its data; again only when that differs.
        long finSequence = relative + length;
        if (flow.checkHistory(HIST_FIN, 'F', direction) && finSequence != endpoint.lastFinSequence) {
          flow.addHistory('F', direction);
        }
        endpoint.lastFinSequence = finSequence;
      }
      if (rst) {
        // 'R': again only when the sequence number differs from the last RST's.
        if (flow.checkHistory(HIST_RST, 'R', direction) && relative != endpoint.lastRstSequence) {
          flow.addHistory('R', direction);
        }
        endpoint.lastRstSequence = relative;
      }
    } else if (length > 0) {
      flow.checkHistory(HIST_DATA, 'D', direction); // 'D': payload, once per direction
    } else if ((flags & ACK) != 0) {
      flow.checkHistory(HIST_ACK, 'A', direction); // 'A': a pure ACK, once per direction
    }
  }

  /** Zeek's UpdateStateMachine: one transition function per endpoint state. */
  private static void stateMachine(Flow flow, TcpEndpoint endpoint, TcpEndpoint peer, int direction, boolean syn,
      boolean fin, boolean rst, boolean ack, int sequence, int length) {
    switch (endpoint.state) {
      case INACTIVE -> inactive(flow, endpoint, peer, direction, syn, fin, rst, ack, sequence, length);
      case SYN_SENT, SYN_ACK_SENT -> synSent(endpoint, syn, fin, rst, sequence);
      case PARTIAL, ESTABLISHED -> established(endpoint, peer, syn, fin, rst, ack);
      case CLOSED -> {
        if (rst) {
          endpoint.state(RESET);
        }
      }
      case RESET -> {
        if (syn && endpoint.previousState == INACTIVE) {
          endpoint.restartSequence(sequence); // the earlier RST may have been spoofed: trust the SYN
        }
      }
      default -> throw new IllegalStateException("tcp endpoint state: " + endpoint.state);
    }
  }

  private static void inactive(Flow flow, TcpEndpoint endpoint, TcpEndpoint peer, int direction, boolean syn,
      boolean fin, boolean rst, boolean ack, int sequence, int length) {
    if (syn) {
      if (direction == Flow.ORIG) {
        endpoint.state(ack ? SYN_ACK_SENT : SYN_SENT);
      } else {
        if (!ack && peer.state == SYN_ACK_SENT && sequence == peer.start) {
          // Zeek: a SYN answering the originator's SYN-ACK is a SYN/SYN-ACK reversal: flip and establish.
          // The local endpoint/peer still name the same sides, as in Zeek after Flip().
          flow.flip();
          peer.state(ESTABLISHED);
        }
        if (peer.state == SYN_SENT) {
          peer.state(ESTABLISHED);
        }
        endpoint.state(ESTABLISHED);
      }
    }
    if (fin) {
      endpoint.state(CLOSED);
    }
    if (rst) {
      endpoint.state(RESET);
    }
    if (endpoint.state == INACTIVE) {
      // No control flag moved it: data or an ACK makes it partial, except the bare ACK some stacks send to a SYN
      // before their SYN-ACK.
      boolean earlyAck = direction == Flow.RESP && length == 0 && peer.state == SYN_SENT;
      if (!earlyAck) {
        endpoint.state(PARTIAL);
      }
    }
  }

  private static void synSent(TcpEndpoint endpoint, boolean syn, boolean fin, boolean rst, int sequence) {
    if (syn && sequence != endpoint.start) {
      endpoint.restartSequence(sequence); // Zeek's SYN_seq_jump
    }
    if (fin) {
      endpoint.state(CLOSED);
    }
    if (rst) {
      endpoint.state(RESET);
    }
  }

  private static void established(TcpEndpoint endpoint, TcpEndpoint peer, boolean syn, boolean fin, boolean rst,
      boolean ack) {
    if (syn && endpoint.state == PARTIAL && peer.state == INACTIVE && !ack) {
      endpoint.state(SYN_SENT); // Zeek's SYN_after_partial
    }
    if (fin && !rst) {
      endpoint.state(CLOSED);
    }
    if (rst) {
      endpoint.state(RESET);
    }
  }

  /** Payload bytes by sequence space, retransmissions ('T') and content gaps ('G'), both logarithmic. */
  private static void sequenceSpace(Flow flow, TcpEndpoint endpoint, TcpEndpoint peer, int direction,
      boolean syn, boolean fin, boolean ack, long relative, int acknowledgment, int length) {
    if (length > 0) {
      if (relative < endpoint.dataEnd && !syn) {
        endpoint.retransmissions++;
        if (TcpEndpoint.scaled(++endpoint.retransmissionEvents)) {
          flow.addHistory('T', direction);
        }
      }
      long dataStart = syn ? relative + 1 : relative;
      endpoint.dataEnd = Math.max(endpoint.dataEnd, dataStart + length);
    }
    long end = relative + length + (syn ? 1 : 0) + (fin ? 1 : 0);
    if (fin) {
      endpoint.finSeen = true;
    }
    endpoint.highest = Math.max(endpoint.highest, end);
    if (ack && peer.hasSequence) {
      long acknowledged = peer.peek(acknowledgment);
      // Only an ack ahead of what the peer was seen to send, by less than half the sequence space, is a gap.
      if (acknowledged > peer.highest && acknowledged - peer.highest < (1L << 31)) {
        peer.highest = acknowledged;
        peer.dataEnd = Math.max(peer.dataEnd, acknowledged);
        // 'G': content the peer sent that the capture missed (acknowledged but never seen), logarithmic.
        if (TcpEndpoint.scaled(++peer.gapEvents)) {
          flow.addHistory('G', 1 - direction);
        }
      }
    }
  }

  /** Round trip of the handshake at the capture point: originator's SYN to its first ACK after the SYN-ACK. */
  private static void handshakeTiming(Flow flow, int direction, long ts, boolean syn, boolean ack) {
    if (direction == Flow.ORIG && syn && !ack && flow.synTs < 0) {
      flow.synTs = ts;
    } else if (direction == Flow.RESP && syn && ack && flow.synTs >= 0) {
      flow.synAckSeen = true;
    } else if (direction == Flow.ORIG && ack && !syn && flow.synAckSeen && flow.rttNanos < 0) {
      flow.rttNanos = Math.max(0, ts - flow.synTs);
    }
  }

  /**
   * Both sides closed, or either reset: the connection is over (the table ends it after a short grace). Only a
   * segment with FIN or RST can make it so: no other moves an endpoint to CLOSED or RESET.
   */
  static boolean over(Flow flow) {
    int o = flow.tcp(Flow.ORIG).state;
    int r = flow.tcp(Flow.RESP).state;
    return o == RESET || r == RESET || (o == CLOSED && r == CLOSED);
  }

  static boolean reset(Flow flow) {
    return flow.tcp(Flow.ORIG).state == RESET || flow.tcp(Flow.RESP).state == RESET;
  }
}
