package io.netanal.filter;

import io.netanal.FilterSyntaxException;
import java.nio.ByteBuffer;

/**
 * Runs a classic BPF program on a frame in a {@link ByteBuffer}, with the semantics of libpcap's
 * {@code bpf_filter()}: so a capture file is filtered exactly as libpcap would, with no native call per frame.
 *
 * <p>One thread runs an interpreter (it owns the scratch memory); create one per thread. The program is
 * validated once, when the interpreter is made: every opcode known, jumps forward and inside the program, the
 * last instruction a return, scratch indices below 16, no division by a zero constant, constant shifts below
 * 32. A frame is then never rejected with an exception: a load outside the captured bytes, or a division by a
 * zero X, ends the program with 0 (reject), as libpcap and the kernel do.
 */
public final class BpfInterpreter {
  // Instruction classes, sizes, modes and operations: <pcap/bpf.h>, whose numbering this follows.
  static final int LD = 0x00;
  static final int LDX = 0x01;
  static final int ST = 0x02;
  static final int STX = 0x03;
  static final int ALU = 0x04;
  static final int JMP = 0x05;
  static final int RET = 0x06;
  static final int MISC = 0x07;

  static final int W = 0x00;
  static final int H = 0x08;
  static final int B = 0x10;

  static final int IMM = 0x00;
  static final int ABS = 0x20;
  static final int IND = 0x40;
  static final int MEM = 0x60;
  static final int LEN = 0x80;
  static final int MSH = 0xa0;

  static final int ADD = 0x00;
  static final int SUB = 0x10;
  static final int MUL = 0x20;
  static final int DIV = 0x30;
  static final int OR = 0x40;
  static final int AND = 0x50;
  static final int LSH = 0x60;
  static final int RSH = 0x70;
  static final int NEG = 0x80;
  static final int MOD = 0x90;
  static final int XOR = 0xa0;

  static final int JA = 0x00;
  static final int JEQ = 0x10;
  static final int JGT = 0x20;
  static final int JGE = 0x30;
  static final int JSET = 0x40;

  static final int K = 0x00;
  static final int X = 0x08;
  static final int A = 0x10;

  static final int TAX = 0x00;
  static final int TXA = 0x80;

  static final int MEMWORDS = 16;

  private final BpfProgram program;
  private final int[] code;
  private final int[] jt;
  private final int[] jf;
  private final int[] k;
  private final int[] scratch = new int[MEMWORDS];

  /** Validates {@code program}; throws {@link FilterSyntaxException} naming the first bad instruction. */
  public BpfInterpreter(BpfProgram program) {
    this.program = program;
    int n = program.length();
    code = new int[n];
    jt = new int[n];
    jf = new int[n];
    k = new int[n];
    for (int i = 0; i < n; i++) {
      code[i] = program.code(i);
      jt[i] = program.jumpIfTrue(i);
      jf[i] = program.jumpIfFalse(i);
      k[i] = program.constant(i);
    }
    BpfValidation.check(program.expression(), code, jt, jf, k);
  }

  public BpfProgram program() {
    return program;
  }

  /** True when the program accepts the frame (returns a non-zero length). */
  public boolean accepts(ByteBuffer buffer, int offset, int capturedLength, int wireLength) {
    return run(buffer, offset, capturedLength, wireLength) != 0;
  }

  /**
   * Runs the program on {@code buffer[offset, offset + capturedLength)}, read with absolute gets (the buffer must
   * be big-endian); {@code len} in the program is {@code wireLength}. Returns the program's result: the number
   * of bytes to keep, 0 to reject.
   */
  public int run(ByteBuffer buffer, int offset, int capturedLength, int wireLength) {
    final int[] code = this.code;
    final int[] k = this.k;
    final int[] mem = scratch;
    final long caplen = capturedLength;
    int a = 0;
    int x = 0;
    int pc = 0;
    while (true) {
      int kk = k[pc];
      switch (code[pc]) {
        case RET | K:
          return kk;
        case RET | A:
          return a;
        case LD | W | ABS: {
          long at = kk & 0xFFFFFFFFL;
          if (at + 4 > caplen) {
            return 0;
          }
          a = buffer.getInt(offset + (int) at);
          break;
        }
        case LD | H | ABS: {
          long at = kk & 0xFFFFFFFFL;
          if (at + 2 > caplen) {
            return 0;
          }
          a = buffer.getShort(offset + (int) at) & 0xFFFF;
          break;
        }
        case LD | B | ABS: {
          long at = kk & 0xFFFFFFFFL;
          if (at >= caplen) {
            return 0;
          }
          a = buffer.get(offset + (int) at) & 0xFF;
          break;
        }
        case LD | W | IND: {
          long at = (x & 0xFFFFFFFFL) + (kk & 0xFFFFFFFFL);
          if (at + 4 > caplen) {
            return 0;
          }
          a = buffer.getInt(offset + (int) at);
          break;
        }
        case LD | H | IND: {
          long at = (x & 0xFFFFFFFFL) + (kk & 0xFFFFFFFFL);
          if (at + 2 > caplen) {
            return 0;
          }
          a = buffer.getShort(offset + (int) at) & 0xFFFF;
          break;
        }
        case LD | B | IND: {
          long at = (x & 0xFFFFFFFFL) + (kk & 0xFFFFFFFFL);
          if (at >= caplen) {
            return 0;
          }
          a = buffer.get(offset + (int) at) & 0xFF;
          break;
        }
        case LD | W | LEN:
          a = wireLength;
          break;
        case LDX | W | LEN:
          x = wireLength;
          break;
        case LD | IMM:
          a = kk;
          break;
        case LDX | IMM:
          x = kk;
          break;
        case LD | MEM:
          a = mem[kk];
          break;
        case LDX | MEM:
          x = mem[kk];
          break;
        case LDX | B | MSH: {
          long at = kk & 0xFFFFFFFFL;
          if (at >= caplen) {
            return 0;
          }
          x = (buffer.get(offset + (int) at) & 0x0F) << 2;
          break;
        }
        case ST:
          mem[kk] = a;
          break;
        case STX:
          mem[kk] = x;
          break;
        case JMP | JA:
          pc += kk;
          break;
        case JMP | JEQ | K:
          pc += a == kk ? jt[pc] : jf[pc];
          break;
        case JMP | JGT | K:
          pc += Integer.compareUnsigned(a, kk) > 0 ? jt[pc] : jf[pc];
          break;
        case JMP | JGE | K:
          pc += Integer.compareUnsigned(a, kk) >= 0 ? jt[pc] : jf[pc];
          break;
        case JMP | JSET | K:
          pc += (a & kk) != 0 ? jt[pc] : jf[pc];
          break;
        case JMP | JEQ | X:
          pc += a == x ? jt[pc] : jf[pc];
          break;
        case JMP | JGT | X:
          pc += Integer.compareUnsigned(a, x) > 0 ? jt[pc] : jf[pc];
          break;
        case JMP | JGE | X:
          pc += Integer.compareUnsigned(a, x) >= 0 ? jt[pc] : jf[pc];
          break;
        case JMP | JSET | X:
          pc += (a & x) != 0 ? jt[pc] : jf[pc];
          break;
        case ALU | ADD | X:
          a += x;
          break;
        case ALU | SUB | X:
          a -= x;
          break;
        case ALU | MUL | X:
          a *= x;
          break;
        case ALU | DIV | X:
          if (x == 0) {
            return 0;
          }
          a = Integer.divideUnsigned(a, x);
          break;
        case ALU | MOD | X:
          if (x == 0) {
            return 0;
          }
          a = Integer.remainderUnsigned(a, x);
          break;
        case ALU | AND | X:
          a &= x;
          break;
        case ALU | OR | X:
          a |= x;
          break;
        case ALU | XOR | X:
          a ^= x;
          break;
        case ALU | LSH | X:
          // C leaves shifts of 32 or more undefined; libpcap makes them 0, Java would wrap the count
          a = Integer.compareUnsigned(x, 32) < 0 ? a << x : 0;
          break;
        case ALU | RSH | X:
          a = Integer.compareUnsigned(x, 32) < 0 ? a >>> x : 0;
          break;
        case ALU | ADD | K:
          a += kk;
          break;
        case ALU | SUB | K:
          a -= kk;
          break;
        case ALU | MUL | K:
          a *= kk;
          break;
        case ALU | DIV | K:
          a = Integer.divideUnsigned(a, kk); // k != 0: validated
          break;
        case ALU | MOD | K:
          a = Integer.remainderUnsigned(a, kk);
          break;
        case ALU | AND | K:
          a &= kk;
          break;
        case ALU | OR | K:
          a |= kk;
          break;
        case ALU | XOR | K:
          a ^= kk;
          break;
        case ALU | LSH | K:
          a <<= kk; // k < 32: validated
          break;
        case ALU | RSH | K:
          a >>>= kk;
          break;
        case ALU | NEG:
          a = -a;
          break;
        case MISC | TAX:
          x = a;
          break;
        case MISC | TXA:
          a = x;
          break;
        default:
          return 0; // unreachable: validation refuses unknown opcodes
      }
      pc++;
    }
  }
}
