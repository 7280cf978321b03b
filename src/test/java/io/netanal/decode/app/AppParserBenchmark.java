package io.netanal.decode.app;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.ToIntFunction;

/**
 * Measures each parser's cost per payload on the unit tests' fixtures, on one core: what the flow table pays
 * for each flow's first payloads. A {@code main} class, not a test: surefire does not run it. Run with
 * {@code mvn -q -o test-compile && java -cp target/classes:target/test-classes io.netanal.decode.app.AppParserBenchmark}.
 */
public final class AppParserBenchmark {
  private AppParserBenchmark() {}

  public static void main(String[] args) {
    run("dns query", DnsParserTest.QUERY, b -> DnsParser.parse(b, 0, b.limit(), false).qtype());
    run("dns response, CNAME chain", DnsParserTest.CNAME_CHAIN_RESPONSE,
        b -> DnsParser.parse(b, 0, b.limit(), false).answers().size());
    run("tls ClientHello + JA3", TlsHelloParserTest.CLIENT_HELLO_GREASE,
        b -> TlsHelloParser.parse(b, 0, b.limit()).hashCode());
    run("tls ServerHello + JA3S", TlsHelloParserTest.SERVER_HELLO_TLS13,
        b -> TlsHelloParser.parse(b, 0, b.limit()).hashCode());
    run("http GET", HttpParserTest.GET, b -> HttpParser.parse(b, 0, b.limit()).hashCode());
    byte[] binary = new byte[1400];
    run("not http (binary payload)", binary, b -> HttpParser.parse(b, 0, b.limit()) == null ? 1 : 0);
    run("not tls (binary payload)", binary, b -> TlsHelloParser.parse(b, 0, b.limit()) == null ? 1 : 0);
  }

  private static void run(String name, byte[] payload, ToIntFunction<ByteBuffer> parse) {
    ByteBuffer buffer = ByteBuffer.wrap(payload).order(ByteOrder.BIG_ENDIAN);
    long sink = 0;
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long count = 0;
      long start = System.nanoTime();
      while (System.nanoTime() - start < 400_000_000L) {
        for (int i = 0; i < 1000; i++) {
          sink += parse.applyAsInt(buffer);
        }
        count += 1000;
      }
      best = Math.min(best, (System.nanoTime() - start) / (double) count);
    }
    System.out.printf("%-28s %8.0f ns/payload  (%.2f M/s)  [%d]%n", name, best, 1000 / best, sink & 1);
  }
}
