package io.netanal.filter;

import java.util.Arrays;

/**
 * A classic BPF program as libpcap compiled it: the expression, the link type it was compiled for, and its
 * instructions ({@code struct bpf_insn}: u16 code, u8 jt, u8 jf, u32 k).
 *
 * <p>Immutable (arrays are copied in and out); any thread. {@link BpfInterpreter} runs it.
 */
public final class BpfProgram {
  private final String expression;
  private final int linkType;
  private final int[] codes;
  private final int[] jumpsIfTrue;
  private final int[] jumpsIfFalse;
  private final int[] constants;

  /**
   * @param codes the opcodes, 0-65535
   * @param jumpsIfTrue jt, 0-255
   * @param jumpsIfFalse jf, 0-255
   * @param constants k, as an unsigned 32-bit value held in an int
   */
  public BpfProgram(String expression, int linkType, int[] codes, int[] jumpsIfTrue, int[] jumpsIfFalse,
      int[] constants) {
    int n = codes.length;
    if (jumpsIfTrue.length != n || jumpsIfFalse.length != n || constants.length != n) {
      throw new IllegalArgumentException("instruction arrays of different lengths: " + n + ", "
          + jumpsIfTrue.length + ", " + jumpsIfFalse.length + ", " + constants.length);
    }
    this.expression = expression;
    this.linkType = linkType;
    this.codes = codes.clone();
    this.jumpsIfTrue = jumpsIfTrue.clone();
    this.jumpsIfFalse = jumpsIfFalse.clone();
    this.constants = constants.clone();
  }

  public String expression() {
    return expression;
  }

  /** The LINKTYPE_ value of the frames the program reads. */
  public int linkType() {
    return linkType;
  }

  public int length() {
    return codes.length;
  }

  public int code(int i) {
    return codes[i];
  }

  public int jumpIfTrue(int i) {
    return jumpsIfTrue[i];
  }

  public int jumpIfFalse(int i) {
    return jumpsIfFalse[i];
  }

  public int constant(int i) {
    return constants[i];
  }

  /** The program as {@code tcpdump -d} would list it, one instruction a line ({@code (000) code jt jf k}). */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < codes.length; i++) {
      s.append(String.format("(%03d) 0x%04x %3d %3d 0x%08x%n", i, codes[i], jumpsIfTrue[i], jumpsIfFalse[i],
          constants[i]));
    }
    return s.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BpfProgram p && p.linkType == linkType && p.expression.equals(expression)
        && Arrays.equals(p.codes, codes) && Arrays.equals(p.jumpsIfTrue, jumpsIfTrue)
        && Arrays.equals(p.jumpsIfFalse, jumpsIfFalse) && Arrays.equals(p.constants, constants);
  }

  @Override
  public int hashCode() {
    return expression.hashCode() * 31 + Arrays.hashCode(codes) * 17 + Arrays.hashCode(constants);
  }
}
