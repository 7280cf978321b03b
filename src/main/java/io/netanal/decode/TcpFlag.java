package io.netanal.decode;

/**
 * The TCP flag bits as {@link DecodedFrame#tcpFlags()} holds them: the header's 9 flag bits (RFC 9293; NS from
 * RFC 3540), FIN in bit 0 up to NS in bit 8. The one definition the statistics, the packet export and the
 * {@code -v} line read them by.
 *
 * <p>Constants only; any thread.
 */
public final class TcpFlag {
  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;
  public static final int URG = 0x20;
  public static final int ECE = 0x40;
  public static final int CWR = 0x80;
  public static final int NS = 0x100;
  /** Every flag bit: the low 9 bits of the header's offset/flags word. */
  public static final int ALL = 0x1FF;

  private TcpFlag() {}
}
