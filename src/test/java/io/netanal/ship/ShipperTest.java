package io.netanal.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.testing.IngestTestServer;
import io.netanal.testing.IngestTestServer.Fault;
import io.netanal.testing.IngestTestServer.Ledger;
import io.netanal.testing.SpoolFixture;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Shipper} against a fault-injecting collector: every test ends on the rule "nothing lost, nothing
 * counted twice": the collector's packet total equals what the sensor spooled.
 */
@Timeout(60)
class ShipperTest {
  @TempDir Path spool;
  private final Ledger ledger = new Ledger();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final List<IngestTestServer> servers = new ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(IngestTestServer::kill);
  }

  private IngestTestServer server(int port, String token) throws IOException {
    IngestTestServer s = IngestTestServer.start(ledger, port, token);
    servers.add(s);
    return s;
  }

  private ShipConfig config(String url, String token, Duration keep, Duration failedRetry, int attempts) {
    return new ShipConfig(spool, URI.create(url), token, keep, true, Duration.ofMillis(20), Duration.ofMillis(200),
        failedRetry, Duration.ofSeconds(5), Duration.ofMillis(50), attempts);
  }

  private ShipConfig config(String url) {
    return config(url, null, Duration.ofDays(1), Duration.ofMinutes(5), 8);
  }

  private ShipSummary ship(ShipConfig config) throws IOException {
    return new Shipper(config, log::add).run();
  }

  private List<String> names(String sub) throws IOException {
    try (Stream<Path> s = Files.list(spool.resolve(sub))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void shouldShipEveryReadyFileOnceOldestFirstAndMoveItToProcessed() throws IOException {
    long sensor = SpoolFixture.write(spool, "edge-1", 3, 10);
    IngestTestServer server = server(0, null);

    ShipSummary summary = ship(config(server.url()));

    assertThat(ledger.packets()).isEqualTo(sensor).isEqualTo(30);
    assertThat(ledger.files()).isEqualTo(3);
    assertThat(ledger.duplicates()).isZero();
    assertThat(ledger.keyMismatches()).isZero();
    assertThat(ledger.sensors()).containsExactly("edge-1", "edge-1", "edge-1");
    assertThat(summary.shipped()).isEqualTo(3);
    assertThat(summary.packets()).isEqualTo(30);
    assertThat(summary.complete()).isTrue();
    assertThat(names("pending")).isEmpty();
    assertThat(names("inflight")).isEmpty();
    assertThat(names("processed")).containsExactly("netanal-edge-1-20261201T120000Z.pcap",
        "netanal-edge-1-20261201T120005Z.pcap", "netanal-edge-1-20261201T120010Z.pcap");
    assertThat(log).hasSize(3);
    assertThat(log.get(0)).matches("netanal-edge-1-20261201T120000Z\\.pcap: 10 packets, 1244 bytes, \\d+\\.\\d\\d s: shipped");
    assertThat(log.get(2)).startsWith("netanal-edge-1-20261201T120010Z.pcap: ");
  }

  @Test
  void shouldWaitForACollectorThatIsDownAtFirst() throws Exception {
    long sensor = SpoolFixture.write(spool, "s1", 2, 5);
    int port = IngestTestServer.freePort();
    CompletableFuture<ShipSummary> shipping = CompletableFuture.supplyAsync(() -> shipUnchecked(
        config("http://127.0.0.1:" + port, null, Duration.ofDays(1), Duration.ofMinutes(5), 1000)));
    Thread.sleep(400); // a few refused connections
    server(port, null);

    ShipSummary summary = shipping.get(30, TimeUnit.SECONDS);

    assertThat(summary.shipped()).isEqualTo(2);
    assertThat(ledger.packets()).isEqualTo(sensor);
    assertThat(ledger.duplicates()).isZero();
    assertThat(log).anySatisfy(l -> assertThat(l).contains(": retry 1 in ")
        .endsWith(": connection refused or unreachable: 127.0.0.1:" + port));
  }

  @Test
  void shouldShipAgainWhenTheCollectorIsKilledMidUploadAndRestarted() throws Exception {
    long sensor = SpoolFixture.write(spool, "s1", 3, 5);
    IngestTestServer first = server(0, null);
    first.inject(Fault.STALL);
    CompletableFuture<ShipSummary> shipping = CompletableFuture.supplyAsync(() -> shipUnchecked(
        config(first.url(), null, Duration.ofDays(1), Duration.ofMinutes(5), 1000)));
    assertThat(first.stalled.await(10, TimeUnit.SECONDS)).isTrue();
    first.kill();
    server(first.port(), null); // restarted, same database

    ShipSummary summary = shipping.get(30, TimeUnit.SECONDS);

    assertThat(summary.shipped()).isEqualTo(3);
    assertThat(ledger.files()).isEqualTo(3);
    assertThat(ledger.packets()).isEqualTo(sensor);
    assertThat(ledger.duplicates()).isZero();
  }

  @Test
  void shouldCountAFileOnceWhenTheResponseIsCutOnItsWay() throws IOException {
    long sensor = SpoolFixture.write(spool, "s1", 2, 7);
    IngestTestServer server = server(0, null);
    server.inject(Fault.CUT_RESPONSE);

    ShipSummary summary = ship(config(server.url()));

    assertThat(ledger.packets()).isEqualTo(sensor);
    assertThat(ledger.files()).isEqualTo(2);
    assertThat(ledger.duplicates()).isEqualTo(1); // the retry of the file stored before the cut
    assertThat(summary.shipped()).isEqualTo(2);
    assertThat(summary.duplicates()).isEqualTo(1);
    assertThat(log).anySatisfy(l -> assertThat(l).endsWith(": shipped (duplicate: the collector already had it)"));
    assertThat(log).anySatisfy(l -> assertThat(l).contains(": retry 1 in ").contains(": connection failed: "));
  }

  @Test
  void shouldRetryA503AndA429ThenShip() throws IOException {
    long sensor = SpoolFixture.write(spool, "s1", 1, 4);
    IngestTestServer server = server(0, null);
    server.inject(Fault.UNAVAILABLE, Fault.TOO_MANY_REQUESTS);

    ShipSummary summary = ship(config(server.url()));

    assertThat(summary.shipped()).isEqualTo(1);
    assertThat(ledger.packets()).isEqualTo(sensor);
    assertThat(ledger.requests()).isEqualTo(3);
    assertThat(log).hasSize(3);
    assertThat(log.get(0)).matches(".*: retry 1 in 0\\.0\\d s: HTTP 503: injected 503");
    assertThat(log.get(1)).matches(".*: retry 2 in 0\\.0\\d s: HTTP 429: injected 429");
    assertThat(log.get(2)).endsWith(": shipped");
  }

  @Test
  void shouldMoveAFileTheCollectorRejectsToFailedAndTryItAgainAfterItsRest() throws IOException {
    long sensor = SpoolFixture.write(spool, "s1", 1, 3);
    Path bogus = spool.resolve("pending/netanal-s1-20261201T115955Z.pcap");
    Files.writeString(bogus, "this is not a capture file, it is text");
    Files.createFile(spool.resolve("pending/netanal-s1-20261201T115955Z.pcap.ready"));
    IngestTestServer server = server(0, null);

    ShipSummary summary = ship(config(server.url()));

    assertThat(summary.shipped()).isEqualTo(1);
    assertThat(summary.failed()).isEqualTo(1);
    assertThat(summary.complete()).isFalse();
    assertThat(ledger.packets()).isEqualTo(sensor);
    assertThat(names("failed")).containsExactly("netanal-s1-20261201T115955Z.pcap");
    assertThat(log).anySatisfy(l -> assertThat(l).startsWith("netanal-s1-20261201T115955Z.pcap: not a capture, 38"
        + " bytes, ").contains(": failed: HTTP 400: ").endsWith("; moved to failed/, retried in 300.00 s"));

    log.clear();
    ShipSummary again = ship(config(server.url(), null, Duration.ofDays(1), Duration.ZERO, 8)); // rest over
    assertThat(again.failed()).isEqualTo(1);
    assertThat(log.get(0)).isEqualTo("netanal-s1-20261201T115955Z.pcap: rested in failed/ for 0.00 s: back in"
        + " pending for another try");
    assertThat(names("failed")).containsExactly("netanal-s1-20261201T115955Z.pcap");
  }

  @Test
  void shouldGiveUpAfterTheAttemptsOfAOnceRunAndLeaveTheFileReadyInPending() throws IOException {
    SpoolFixture.write(spool, "s1", 1, 3);
    IngestTestServer server = server(0, null);
    server.inject(Fault.UNAVAILABLE, Fault.UNAVAILABLE);

    ShipSummary summary = ship(config(server.url(), null, Duration.ofDays(1), Duration.ofMinutes(5), 2));

    assertThat(summary.leftPending()).isEqualTo(1);
    assertThat(summary.complete()).isFalse();
    assertThat(ledger.files()).isZero();
    assertThat(names("pending")).containsExactly("netanal-s1-20261201T120000Z.pcap",
        "netanal-s1-20261201T120000Z.pcap.ready");
    assertThat(names("inflight")).isEmpty();
    assertThat(log.get(1)).endsWith(": not shipped: HTTP 503: injected 503; gave up after 2 attempts, left in pending/");
  }

  @Test
  void shouldNeverShipAFileTwiceWithTwoShippersOnOneSpool() throws Exception {
    long sensor = SpoolFixture.write(spool, "s1", 40, 3);
    IngestTestServer server = server(0, null);

    CompletableFuture<ShipSummary> a = CompletableFuture.supplyAsync(() -> shipUnchecked(config(server.url())));
    CompletableFuture<ShipSummary> b = CompletableFuture.supplyAsync(() -> shipUnchecked(config(server.url())));

    assertThat(a.get(30, TimeUnit.SECONDS).shipped() + b.get(30, TimeUnit.SECONDS).shipped()).isEqualTo(40);
    assertThat(ledger.maxUploadsOfOneKey()).isEqualTo(1);
    assertThat(ledger.files()).isEqualTo(40);
    assertThat(ledger.packets()).isEqualTo(sensor);
  }

  @Test
  void shouldPutBackAndShipTheClaimOfAShipperThatDied() throws IOException {
    long sensor = SpoolFixture.write(spool, "s1", 2, 3);
    // What a killed shipper leaves: its lock file (no longer locked by anyone) and its claim dir with a claimed
    // file (its marker already removed).
    Path dead = Files.createDirectories(spool.resolve("inflight/4242-dead"));
    Files.createFile(spool.resolve("inflight/4242-dead.lock"));
    Files.move(spool.resolve("pending/netanal-s1-20261201T120000Z.pcap"),
        dead.resolve("netanal-s1-20261201T120000Z.pcap"), StandardCopyOption.ATOMIC_MOVE);
    Files.delete(spool.resolve("pending/netanal-s1-20261201T120000Z.pcap.ready"));
    IngestTestServer server = server(0, null);

    ShipSummary summary = ship(config(server.url()));

    assertThat(summary.shipped()).isEqualTo(2);
    assertThat(ledger.packets()).isEqualTo(sensor);
    assertThat(names("inflight")).isEmpty();
    assertThat(log.get(0)).isEqualTo("netanal-s1-20261201T120000Z.pcap: claimed by a shipper that stopped"
        + " (4242-dead): back in pending");
  }

  @Test
  void shouldSendTheTokenAndMoveTheFileToFailedOn401WithoutIt() throws IOException {
    long sensor = SpoolFixture.write(spool, "s1", 1, 3);
    IngestTestServer server = server(0, "s3cret");

    ShipSummary without = ship(config(server.url()));
    assertThat(without.failed()).isEqualTo(1);
    assertThat(log.get(0)).contains(": failed: HTTP 401: missing or wrong token;");

    ShipSummary with = ship(config(server.url(), "s3cret", Duration.ofDays(1), Duration.ZERO, 8));
    assertThat(with.shipped()).isEqualTo(1);
    assertThat(ledger.packets()).isEqualTo(sensor);
  }

  @Test
  void shouldDeleteProcessedFilesOlderThanKeep() throws IOException {
    SpoolFixture.write(spool, "s1", 2, 3);
    IngestTestServer server = server(0, null);

    ship(config(server.url(), null, Duration.ZERO, Duration.ofMinutes(5), 8));

    assertThat(ledger.files()).isEqualTo(2);
    assertThat(names("processed")).isEmpty();
  }

  @Test
  void shouldDoubleTheBackoffUpToTheCap() {
    Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5));
    assertThat(List.of(1, 2, 3, 4, 7, 8, 60)).map(backoff::nominalMillis)
        .containsExactly(5_000L, 10_000L, 20_000L, 40_000L, 300_000L, 300_000L, 300_000L);
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.delayMillis(2, 0)).isBetween(8_000L, 12_000L);
    }
    assertThat(backoff.delayMillis(1, 60_000)).isEqualTo(60_000L); // Retry-After is a floor
  }

  @Test
  void shouldSortAnswersIntoWhatTheShipperDoesNext() {
    assertThat(IngestClient.classify(200, "{\"packets\":3,\"duplicate\":false}", null))
        .isEqualTo(new IngestResult(IngestResult.Kind.STORED, 200, "stored", 3, 0));
    assertThat(IngestClient.classify(200, "{\"packets\":3,\"duplicate\":true}", null).kind())
        .isEqualTo(IngestResult.Kind.DUPLICATE);
    assertThat(IngestClient.classify(413, "{\"error\":\"too large\",\"message\":\"over 64 MB\"}", null))
        .isEqualTo(new IngestResult(IngestResult.Kind.REJECTED, 413, "HTTP 413: over 64 MB", -1, 0));
    assertThat(IngestClient.classify(429, "", "7"))
        .isEqualTo(new IngestResult(IngestResult.Kind.TRANSIENT, 429, "HTTP 429", -1, 7000));
    assertThat(IngestClient.classify(502, "<html>bad gateway</html>", null).message())
        .isEqualTo("HTTP 502: <html>bad gateway</html>");
    assertThat(IngestClient.classify(200, "<html>captive portal</html>", null).kind())
        .isEqualTo(IngestResult.Kind.TRANSIENT);
  }

  private ShipSummary shipUnchecked(ShipConfig config) {
    try {
      return ship(config);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
