package io.netanal.stats;

/**
 * The report's {@code tcpFlags}: TCP segments with each flag set. {@code syn} counts SYN without ACK,
 * {@code synAck} SYN with ACK.
 */
public record TcpFlags(long syn, long synAck, long fin, long rst, long psh, long ack, long urg, long ece,
    long cwr) {}
