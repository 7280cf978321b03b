package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.testing.ServeProcess;
import io.netanal.testing.SpoolFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ship --once} against the real {@code netanal serve}, a separate process on SQLite: every spooled packet
 * is counted once by the collector, also when it is down at first and when it is SIGKILLed while files arrive and
 * restarted on the same data (nothing lost, nothing counted twice).
 */
@Timeout(180)
class ShipToServeTest {
  @TempDir Path dir;
  private final CommandRunner runner = CommandRunner.netanal();

  private Path spool() {
    return dir.resolve("spool");
  }

  private ServeProcess collector() throws Exception {
    return ServeProcess.notStarted(dir.resolve("data"), dir.resolve("serve.log"));
  }

  /** {@code ship --once} with short backoffs and enough attempts to outlast a collector that is down a while. */
  private CompletableFuture<Integer> ship(ServeProcess collector) {
    return CompletableFuture.supplyAsync(() -> runner.run("ship", spool().toString(), "--to", collector.url(),
        "--once", "--backoff", "200ms", "--backoff-cap", "1s", "--attempts", "60"));
  }

  private long pending() throws Exception {
    try (Stream<Path> s = Files.list(spool().resolve("pending"))) {
      return s.filter(p -> p.toString().endsWith(".ready")).count();
    }
  }

  @Test
  void shouldCountEverySpooledPacketOnceInTheRealCollector() throws Exception {
    long spooled = SpoolFixture.write(spool(), "edge", 4, 50);
    try (ServeProcess collector = collector()) {
      collector.start();

      assertThat(ship(collector).get(60, TimeUnit.SECONDS)).as("ship stderr: %s", runner.err).isZero();

      assertThat(collector.packets()).isEqualTo(spooled).isEqualTo(200);
      assertThat(collector.files()).isEqualTo(4);
      assertThat(collector.get("/api/sensors").get(0).get("name").asText()).isEqualTo("edge");
      assertThat(collector.get("/api/flows")).isNotEmpty(); // the fixture's UDP flow, per file
      assertThat(pending()).isZero();
    }
  }

  @Test
  void shouldShipEverythingOnceWhenTheCollectorStartsAfterTheShipper() throws Exception {
    long spooled = SpoolFixture.write(spool(), "edge", 3, 40);
    try (ServeProcess collector = collector()) {
      CompletableFuture<Integer> exit = ship(collector);
      Thread.sleep(1500); // the shipper meets a refused connection and backs off
      assertThat(exit).isNotDone();
      collector.start();

      assertThat(exit.get(60, TimeUnit.SECONDS)).as("ship stderr: %s", runner.err).isZero();

      assertThat(collector.packets()).isEqualTo(spooled);
      assertThat(collector.files()).isEqualTo(3);
      assertThat(pending()).isZero();
    }
  }

  @Test
  void shouldStoreEachFileOnceWhenTheCollectorIsKilledWhileFilesArriveAndRestarted() throws Exception {
    // 12 files of 20,000 frames (about 2.3 MB each): uploads take long enough to be cut by the kill.
    long spooled = SpoolFixture.write(spool(), "edge", 12, 20_000);
    try (ServeProcess collector = collector()) {
      collector.start();
      CompletableFuture<Integer> exit = ship(collector);
      long deadline = System.currentTimeMillis() + 60_000;
      while (collector.files() < 1 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      collector.kill(); // SIGKILL right after the first file is stored, with the next upload under way
      Thread.sleep(500); // the shipper meets the cut upload or a refused connection
      collector.start(); // same port, same SQLite data

      assertThat(exit.get(120, TimeUnit.SECONDS)).as("ship stderr: %s; serve: %s", runner.err, collector.log())
          .isZero();

      assertThat(collector.packets()).isEqualTo(spooled).isEqualTo(12 * 20_000);
      assertThat(collector.files()).isEqualTo(12);
      assertThat(pending()).isZero();
    }
    assertThat(runner.out.toString()).contains(": retry 1 in ").contains("12 shipped (");
  }
}
