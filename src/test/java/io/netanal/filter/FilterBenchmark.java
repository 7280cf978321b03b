package io.netanal.filter;

import io.netanal.capture.BpfCompiler;
import io.netanal.frame.LinkType;
import java.nio.ByteBuffer;

/**
 * Measures {@link BpfInterpreter} on Ethernet frames with {@code tcp port 443}: a main, not a test
 * ({@code java -cp target/classes:target/test-classes:<deps> io.netanal.filter.FilterBenchmark}).
 */
public final class FilterBenchmark {
  private FilterBenchmark() {}

  public static void main(String[] args) {
    BpfInterpreter interpreter = new BpfInterpreter(new BpfCompiler().compile("tcp port 443", LinkType.ETHERNET,
        LinkType.MAX_SNAPLEN));
    int frames = 1024;
    ByteBuffer buffer = ByteBuffer.allocate(frames * 128);
    for (int i = 0; i < frames; i++) {
      int at = i * 128;
      buffer.putShort(at + 12, (short) (i % 4 == 0 ? 0x86dd : 0x0800)); // EtherType
      buffer.put(at + 14, (byte) 0x45); // IPv4, IHL 5
      buffer.put(at + 23, (byte) (i % 3 == 0 ? 17 : 6)); // protocol UDP or TCP
      buffer.putShort(at + 34, (short) (i % 2 == 0 ? 443 : 51000)); // source port
      buffer.putShort(at + 36, (short) 80); // destination port
    }
    long kept = 0;
    for (int round = 0; round < 7; round++) {
      long start = System.nanoTime();
      int n = 20_000_000;
      for (int i = 0; i < n; i++) {
        int f = i & (frames - 1);
        kept += interpreter.run(buffer, f * 128, 128, 128) != 0 ? 1 : 0;
      }
      long ns = System.nanoTime() - start;
      System.out.printf("round %d: %.2f ns/frame%n", round, (double) ns / n);
    }
    System.out.println("kept " + kept);
  }
}
