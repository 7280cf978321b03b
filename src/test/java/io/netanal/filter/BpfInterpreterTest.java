package io.netanal.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.FilterSyntaxException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpfInterpreterTest {
  // Opcodes, as <pcap/bpf.h> composes them
  private static final int LD_W_ABS = 0x20;
  private static final int LD_H_ABS = 0x28;
  private static final int LD_B_ABS = 0x30;
  private static final int LD_W_IND = 0x40;
  private static final int LD_H_IND = 0x48;
  private static final int LD_B_IND = 0x50;
  private static final int LD_LEN = 0x80;
  private static final int LDX_LEN = 0x81;
  private static final int LD_IMM = 0x00;
  private static final int LDX_IMM = 0x01;
  private static final int LD_MEM = 0x60;
  private static final int LDX_MEM = 0x61;
  private static final int LDX_MSH = 0xb1;
  private static final int ST = 0x02;
  private static final int STX = 0x03;
  private static final int ALU_K = 0x04;
  private static final int ALU_X = 0x0c;
  private static final int JA = 0x05;
  private static final int JEQ_K = 0x15;
  private static final int JGT_K = 0x25;
  private static final int JGE_K = 0x35;
  private static final int JSET_K = 0x45;
  private static final int JEQ_X = 0x1d;
  private static final int JGT_X = 0x2d;
  private static final int RET_K = 0x06;
  private static final int RET_A = 0x16;
  private static final int TAX = 0x07;
  private static final int TXA = 0x87;

  /** A little assembler: one call per instruction. */
  private static final class Asm {
    final List<int[]> insns = new ArrayList<>();

    Asm op(int code, int k) {
      return op(code, 0, 0, k);
    }

    Asm op(int code, int jt, int jf, int k) {
      insns.add(new int[] {code, jt, jf, k});
      return this;
    }

    BpfInterpreter interpreter() {
      return new BpfInterpreter(program());
    }

    BpfProgram program() {
      int n = insns.size();
      int[] c = new int[n];
      int[] t = new int[n];
      int[] f = new int[n];
      int[] k = new int[n];
      for (int i = 0; i < n; i++) {
        c[i] = insns.get(i)[0];
        t[i] = insns.get(i)[1];
        f[i] = insns.get(i)[2];
        k[i] = insns.get(i)[3];
      }
      return new BpfProgram("test", 1, c, t, f, k);
    }
  }

  private static int run(Asm asm, byte... frame) {
    return asm.interpreter().run(ByteBuffer.wrap(frame), 0, frame.length, frame.length);
  }

  private static final byte[] FRAME = {
      0x12, 0x34, 0x56, 0x78, // bytes 0-3
      (byte) 0x9a, (byte) 0xbc, (byte) 0xde, (byte) 0xf0, // bytes 4-7
      0x45, 0x00}; // byte 8: an IPv4 version/IHL byte (IHL 5), byte 9

  @Test
  void shouldReturnConstant() {
    assertThat(run(new Asm().op(RET_K, 96), FRAME)).isEqualTo(96);
  }

  @Test
  void shouldLoadWordHalfAndByteBigEndianAtAbsoluteOffsets() {
    assertThat(run(new Asm().op(LD_W_ABS, 0).op(RET_A, 0), FRAME)).isEqualTo(0x12345678);
    assertThat(run(new Asm().op(LD_H_ABS, 4).op(RET_A, 0), FRAME)).isEqualTo(0x9abc);
    assertThat(run(new Asm().op(LD_B_ABS, 7).op(RET_A, 0), FRAME)).isEqualTo(0xf0);
  }

  @Test
  void shouldReadRelativeToTheFrameOffsetInTheBuffer() {
    byte[] shifted = new byte[FRAME.length + 3];
    System.arraycopy(FRAME, 0, shifted, 3, FRAME.length);
    BpfInterpreter interpreter = new Asm().op(LD_H_ABS, 0).op(RET_A, 0).interpreter();

    assertThat(interpreter.run(ByteBuffer.wrap(shifted), 3, FRAME.length, FRAME.length)).isEqualTo(0x1234);
  }

  @Test
  void shouldRejectFrameWhenAbsoluteLoadEndsPastCapturedBytes() {
    assertThat(run(new Asm().op(LD_W_ABS, 7).op(RET_K, 1), FRAME)).isZero(); // bytes 7-10 of 10
    assertThat(run(new Asm().op(LD_H_ABS, 9).op(RET_K, 1), FRAME)).isZero();
    assertThat(run(new Asm().op(LD_B_ABS, 10).op(RET_K, 1), FRAME)).isZero();
    assertThat(run(new Asm().op(LD_W_ABS, 6).op(RET_K, 1), FRAME)).isEqualTo(1); // bytes 6-9: fits
  }

  @Test
  void shouldRejectFrameWhenLoadOffsetIsHugeUnsigned() {
    // libpcap's Linux ancillary loads (SKF_AD_OFF = -4096) are out of range for a file's frame
    assertThat(run(new Asm().op(LD_W_ABS, -4096).op(RET_K, 1), FRAME)).isZero();
    assertThat(run(new Asm().op(LDX_IMM, -1).op(LD_B_IND, 2).op(RET_K, 1), FRAME)).isZero();
  }

  @Test
  void shouldNotReadBeyondCapturedLengthEvenWhenTheBufferHoldsMore() {
    BpfInterpreter interpreter = new Asm().op(LD_B_ABS, 5).op(RET_K, 1).interpreter();

    assertThat(interpreter.run(ByteBuffer.wrap(FRAME), 0, 5, 60)).isZero();
  }

  @Test
  void shouldLoadIndexedFromX() {
    assertThat(run(new Asm().op(LDX_IMM, 2).op(LD_W_IND, 1).op(RET_A, 0), FRAME)).isEqualTo(0x789abcde);
    assertThat(run(new Asm().op(LDX_IMM, 2).op(LD_H_IND, 0).op(RET_A, 0), FRAME)).isEqualTo(0x5678);
    assertThat(run(new Asm().op(LDX_IMM, 2).op(LD_B_IND, 6).op(RET_A, 0), FRAME)).isEqualTo(0x45);
    assertThat(run(new Asm().op(LDX_IMM, 8).op(LD_H_IND, 1).op(RET_K, 1), FRAME)).isZero(); // bytes 9-10
  }

  @Test
  void shouldLoadIpHeaderLengthWithMsh() {
    // ldxb 4*([8]&0xf): IHL 5 -> 20
    assertThat(run(new Asm().op(LDX_MSH, 8).op(TXA, 0).op(RET_A, 0), FRAME)).isEqualTo(20);
    assertThat(run(new Asm().op(LDX_MSH, 10).op(RET_K, 1), FRAME)).isZero();
  }

  @Test
  void shouldLoadWireLengthNotCapturedLength() {
    BpfInterpreter a = new Asm().op(LD_LEN, 0).op(RET_A, 0).interpreter();
    BpfInterpreter x = new Asm().op(LDX_LEN, 0).op(TXA, 0).op(RET_A, 0).interpreter();

    assertThat(a.run(ByteBuffer.wrap(FRAME), 0, 10, 1514)).isEqualTo(1514);
    assertThat(x.run(ByteBuffer.wrap(FRAME), 0, 10, 1514)).isEqualTo(1514);
  }

  @Test
  void shouldStoreAndLoadScratchMemory() {
    Asm asm = new Asm().op(LD_IMM, 7).op(ST, 15).op(LDX_IMM, 9).op(STX, 0)
        .op(LD_MEM, 0).op(LDX_MEM, 15).op(ALU_X | 0x10, 0).op(RET_A, 0); // M[0] - M[15] = 9 - 7
    assertThat(run(asm, FRAME)).isEqualTo(2);
  }

  @Test
  void shouldComputeEveryAluOperationWithConstant() {
    assertThat(alu(0x00, 100, 7)).isEqualTo(107); // add
    assertThat(alu(0x10, 100, 7)).isEqualTo(93); // sub
    assertThat(alu(0x20, 100, 7)).isEqualTo(700); // mul
    assertThat(alu(0x30, 100, 7)).isEqualTo(14); // div
    assertThat(alu(0x40, 0x50, 0x0f)).isEqualTo(0x5f); // or
    assertThat(alu(0x50, 0x5f, 0x0f)).isEqualTo(0x0f); // and
    assertThat(alu(0x60, 1, 31)).isEqualTo(0x80000000); // lsh
    assertThat(alu(0x70, 0x80000000, 31)).isEqualTo(1); // rsh is unsigned
    assertThat(alu(0x90, 100, 7)).isEqualTo(2); // mod
    assertThat(alu(0xa0, 0xff, 0x0f)).isEqualTo(0xf0); // xor
    assertThat(run(new Asm().op(LD_IMM, 5).op(ALU_K | 0x80, 0).op(RET_A, 0), FRAME)).isEqualTo(-5); // neg
  }

  @Test
  void shouldDivideUnsigned() {
    assertThat(alu(0x30, 0xfffffffe, 2)).isEqualTo(0x7fffffff);
    assertThat(alu(0x90, 0xffffffff, 10)).isEqualTo(5); // 4294967295 % 10
  }

  private static int alu(int op, int a, int k) {
    return run(new Asm().op(LD_IMM, a).op(ALU_K | op, k).op(RET_A, 0), FRAME);
  }

  @Test
  void shouldComputeAluOperationsWithX() {
    assertThat(run(new Asm().op(LD_IMM, 6).op(LDX_IMM, 3).op(ALU_X | 0x20, 0).op(RET_A, 0), FRAME)).isEqualTo(18);
    assertThat(run(new Asm().op(LD_IMM, 6).op(LDX_IMM, 3).op(ALU_X | 0x30, 0).op(RET_A, 0), FRAME)).isEqualTo(2);
    assertThat(run(new Asm().op(LD_IMM, 1).op(LDX_IMM, 4).op(ALU_X | 0x60, 0).op(RET_A, 0), FRAME)).isEqualTo(16);
  }

  @Test
  void shouldRejectFrameOnDivisionOrModuloByZeroX() {
    assertThat(run(new Asm().op(LD_IMM, 6).op(LDX_IMM, 0).op(ALU_X | 0x30, 0).op(RET_K, 1), FRAME)).isZero();
    assertThat(run(new Asm().op(LD_IMM, 6).op(LDX_IMM, 0).op(ALU_X | 0x90, 0).op(RET_K, 1), FRAME)).isZero();
  }

  @Test
  void shouldShiftToZeroWhenXIs32OrMore() {
    assertThat(run(new Asm().op(LD_IMM, 1).op(LDX_IMM, 32).op(ALU_X | 0x60, 0).op(RET_A, 0), FRAME)).isZero();
    assertThat(run(new Asm().op(LD_IMM, -1).op(LDX_IMM, 40).op(ALU_X | 0x70, 0).op(RET_A, 0), FRAME)).isZero();
  }

  @Test
  void shouldJumpOnComparisonsWithConstant() {
    assertThat(branch(JEQ_K, 5, 5)).isEqualTo(1);
    assertThat(branch(JEQ_K, 5, 6)).isEqualTo(2);
    assertThat(branch(JGT_K, 6, 5)).isEqualTo(1);
    assertThat(branch(JGT_K, 5, 5)).isEqualTo(2);
    assertThat(branch(JGE_K, 5, 5)).isEqualTo(1);
    assertThat(branch(JGE_K, 4, 5)).isEqualTo(2);
    assertThat(branch(JSET_K, 0x12, 0x02)).isEqualTo(1);
    assertThat(branch(JSET_K, 0x12, 0x01)).isEqualTo(2);
  }

  @Test
  void shouldCompareUnsigned() {
    assertThat(branch(JGT_K, 0x80000000, 1)).isEqualTo(1); // 2^31 > 1, though negative as an int
    assertThat(branch(JGE_K, 1, 0xffffffff)).isEqualTo(2);
  }

  /** a ? k: 1 when the jump is taken (jt), 2 when not (jf). */
  private static int branch(int jump, int a, int k) {
    return run(new Asm().op(LD_IMM, a).op(jump, 0, 1, k).op(RET_K, 1).op(RET_K, 2), FRAME);
  }

  @Test
  void shouldJumpOnComparisonsWithX() {
    Asm eq = new Asm().op(LD_IMM, 5).op(LDX_IMM, 5).op(JEQ_X, 1, 0, 0).op(RET_K, 2).op(RET_K, 1);
    Asm gt = new Asm().op(LD_IMM, 5).op(LDX_IMM, 5).op(JGT_X, 1, 0, 0).op(RET_K, 2).op(RET_K, 1);
    assertThat(run(eq, FRAME)).isEqualTo(1);
    assertThat(run(gt, FRAME)).isEqualTo(2);
  }

  @Test
  void shouldJumpAlways() {
    assertThat(run(new Asm().op(JA, 1).op(RET_K, 0).op(RET_K, 3), FRAME)).isEqualTo(3);
  }

  @Test
  void shouldMoveBetweenAccumulatorAndIndex() {
    assertThat(run(new Asm().op(LD_IMM, 42).op(TAX, 0).op(LD_IMM, 0).op(TXA, 0).op(RET_A, 0), FRAME))
        .isEqualTo(42);
  }

  @Test
  void shouldRefuseProgramWithJumpPastTheEnd() {
    assertThatThrownBy(() -> new Asm().op(JA, 1).op(RET_K, 0).interpreter())
        .isInstanceOf(FilterSyntaxException.class)
        .hasMessage("filter 'test': BPF program instruction 0: jump by 1 past the end (expected: < 1)");
    assertThatThrownBy(() -> new Asm().op(JEQ_K, 0, 2, 0).op(RET_K, 0).interpreter())
        .hasMessage("filter 'test': BPF program instruction 0: jump by 2 past the end (expected: < 1)");
  }

  @Test
  void shouldRefuseProgramThatDoesNotEndInReturn() {
    assertThatThrownBy(() -> new Asm().op(LD_IMM, 0).interpreter())
        .hasMessage("filter 'test': BPF program last instruction 0x0000 (expected: a return)");
    assertThatThrownBy(() -> new Asm().interpreter())
        .hasMessage("filter 'test': BPF program no instructions (expected: at least a return)");
  }

  @Test
  void shouldRefuseUnknownOpcodeScratchIndexDivisionByZeroAndWideShift() {
    assertThatThrownBy(() -> new Asm().op(0xff, 0).op(RET_K, 0).interpreter())
        .hasMessage("filter 'test': BPF program instruction 0: opcode 0x00ff (expected: a classic BPF opcode)");
    assertThatThrownBy(() -> new Asm().op(ST, 16).op(RET_K, 0).interpreter())
        .hasMessage("filter 'test': BPF program instruction 0: scratch index 16 (expected: 0-15)");
    assertThatThrownBy(() -> new Asm().op(ALU_K | 0x30, 0).op(RET_K, 0).interpreter())
        .hasMessage("filter 'test': BPF program instruction 0: division by constant 0 (expected: k != 0)");
    assertThatThrownBy(() -> new Asm().op(ALU_K | 0x60, 32).op(RET_K, 0).interpreter())
        .hasMessage("filter 'test': BPF program instruction 0: shift by 32 (expected: < 32)");
  }

  @Test
  void shouldKeepAcceptingFrameAfterScratchUseByEarlierFrame() {
    BpfInterpreter interpreter = new Asm().op(LD_B_ABS, 0).op(ST, 3).op(LD_MEM, 3).op(RET_A, 0).interpreter();

    assertThat(interpreter.run(ByteBuffer.wrap(new byte[] {9}), 0, 1, 1)).isEqualTo(9);
    assertThat(interpreter.run(ByteBuffer.wrap(new byte[] {4}), 0, 1, 1)).isEqualTo(4);
  }
}
