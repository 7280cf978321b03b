package io.netanal.filter;

import static io.netanal.filter.BpfInterpreter.*;

import io.netanal.FilterSyntaxException;

/**
 * Checks a classic BPF program once, before it runs, so that {@link BpfInterpreter#run} needs no checks but
 * those on packet bytes: the rules of libpcap's {@code bpf_validate()}.
 *
 * <p>Stateless; any thread.
 */
final class BpfValidation {
  private BpfValidation() {}

  static void check(String expression, int[] code, int[] jt, int[] jf, int[] k) {
    int n = code.length;
    if (n == 0) {
      throw invalid(expression, "no instructions (expected: at least a return)");
    }
    for (int pc = 0; pc < n; pc++) {
      int c = code[pc];
      long kk = k[pc] & 0xFFFFFFFFL;
      switch (c & 0x07) {
        case LD:
        case LDX:
          checkLoad(expression, pc, c, kk);
          break;
        case ST:
        case STX:
          if (c != ST && c != STX) {
            throw unknown(expression, pc, c);
          }
          checkScratch(expression, pc, kk);
          break;
        case ALU:
          checkAlu(expression, pc, c, kk);
          break;
        case JMP:
          checkJump(expression, pc, c, kk, jt[pc], jf[pc], n);
          break;
        case RET:
          if (c != (RET | K) && c != (RET | A)) {
            throw unknown(expression, pc, c);
          }
          break;
        default: // MISC
          if (c != (MISC | TAX) && c != (MISC | TXA)) {
            throw unknown(expression, pc, c);
          }
      }
    }
    int last = code[n - 1] & 0x07;
    if (last != RET) {
      throw invalid(expression, "last instruction " + hex(code[n - 1]) + " (expected: a return)");
    }
  }

  private static void checkLoad(String expression, int pc, int c, long kk) {
    boolean known = c == (LD | W | ABS) || c == (LD | H | ABS) || c == (LD | B | ABS)
        || c == (LD | W | IND) || c == (LD | H | IND) || c == (LD | B | IND)
        || c == (LD | W | LEN) || c == (LDX | W | LEN) || c == (LD | IMM) || c == (LDX | IMM)
        || c == (LD | MEM) || c == (LDX | MEM) || c == (LDX | B | MSH);
    if (!known) {
      throw unknown(expression, pc, c);
    }
    if (c == (LD | MEM) || c == (LDX | MEM)) {
      checkScratch(expression, pc, kk);
    }
  }

  private static void checkAlu(String expression, int pc, int c, long kk) {
    int op = c & 0xf0;
    boolean known = op == ADD || op == SUB || op == MUL || op == DIV || op == OR || op == AND || op == LSH
        || op == RSH || op == NEG || op == MOD || op == XOR;
    if (!known || (c & 0x08) != 0 && op == NEG || (c & ~0xf8) != ALU) {
      throw unknown(expression, pc, c);
    }
    if ((c & 0x08) == K) {
      if ((op == DIV || op == MOD) && kk == 0) {
        throw invalid(expression, "instruction " + pc + ": division by constant 0 (expected: k != 0)");
      }
      if ((op == LSH || op == RSH) && kk >= 32) {
        throw invalid(expression, "instruction " + pc + ": shift by " + kk + " (expected: < 32)");
      }
    }
  }

  private static void checkJump(String expression, int pc, int c, long kk, int jt, int jf, int n) {
    int op = c & 0xf0;
    if (op == JA) {
      if (c != (JMP | JA)) {
        throw unknown(expression, pc, c);
      }
      if (pc + 1 + kk >= n) {
        throw invalid(expression, "instruction " + pc + ": jump by " + kk + " past the end (expected: < "
            + (n - pc - 1) + ")");
      }
      return;
    }
    if ((op != JEQ && op != JGT && op != JGE && op != JSET) || (c & ~0xf8) != JMP) {
      throw unknown(expression, pc, c);
    }
    if (jt < 0 || jf < 0 || pc + 1 + Math.max(jt, jf) >= n) {
      throw invalid(expression, "instruction " + pc + ": jump by " + Math.max(jt, jf)
          + " past the end (expected: < " + (n - pc - 1) + ")");
    }
  }

  private static void checkScratch(String expression, int pc, long kk) {
    if (kk >= MEMWORDS) {
      throw invalid(expression, "instruction " + pc + ": scratch index " + kk + " (expected: 0-15)");
    }
  }

  private static FilterSyntaxException unknown(String expression, int pc, int c) {
    return invalid(expression, "instruction " + pc + ": opcode " + hex(c) + " (expected: a classic BPF opcode)");
  }

  private static FilterSyntaxException invalid(String expression, String what) {
    return new FilterSyntaxException("filter '" + expression + "': BPF program " + what);
  }

  private static String hex(int c) {
    return String.format("0x%04x", c);
  }
}
