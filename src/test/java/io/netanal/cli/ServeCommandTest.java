package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(120)
class ServeCommandTest {
  @TempDir Path data;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--listen=8080 | netanal: listen: 8080 (expected: HOST:PORT, e.g. 127.0.0.1:8080)",
      "--listen=127.0.0.1:99999 | netanal: listen: port 99999 in 127.0.0.1:99999 (expected: 0 to 65535)",
      "--retain=5s=forever | netanal: retain: forever in 5s=forever (expected: a positive number with s, m, h or "
          + "d, e.g. 7d)",
      "--workers=0 | netanal: workers: 0 (expected: 1 to 64)",
      "--max-body=0 | netanal: max-body: 0 MB (expected: 1 to 1048576)",
      "--db=jdbc:mysql://x/y | netanal: db: jdbc:mysql://x/y (expected: jdbc:postgresql://HOST[:PORT]/DB?user=U"
          + "&password=P, or jdbc:sqlite:FILE)",
      "--listen=0.0.0.0:0 | netanal: listen: 0.0.0.0 is reachable from other machines and no token is set "
          + "(expected: --token or NETANAL_TOKEN, or --allow-remote-without-token)"})
  void shouldRefuseABadOptionWithExitCode2(String option, String message) {
    CommandRunner run = CommandRunner.netanal();

    int code = run.run("serve", "--data", data.toString(), option);

    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err.toString()).isEqualTo(message + System.lineSeparator());
  }

  @Test
  void shouldExitWith3WhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CommandRunner run = CommandRunner.netanal();

      int code = run.run("serve", "--data", data.toString(), "--listen", "127.0.0.1:" + taken.getLocalPort());

      assertThat(code).isEqualTo(ExitCodes.ENVIRONMENT);
      assertThat(run.err.toString()).startsWith("netanal: listen: 127.0.0.1:" + taken.getLocalPort()
          + ": address in use or not available (");
    }
  }

  @Test
  void shouldExitWith3WhenTheDatabaseIsUnreachable() {
    CommandRunner run = CommandRunner.netanal();

    int code = run.run("serve", "--data", data.toString(), "--listen", "127.0.0.1:0",
        "--db", "jdbc:postgresql://127.0.0.1:1/none?user=u&password=secret&connectTimeout=2");

    assertThat(code).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err.toString()).startsWith("netanal: db: jdbc:postgresql://127.0.0.1:1/none?user=u&password=***"
        + "&connectTimeout=2: cannot open or migrate the database (");
    assertThat(run.err.toString()).doesNotContain("secret");
  }

  @Test
  void shouldPrintItsUrlServeAndStopCleanly() throws Exception {
    ServeCommand serve = new ServeCommand();
    CommandRunner run = new CommandRunner(serve);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> run.run("--data", data.toString(), "--listen", "127.0.0.1:0", "--token", "t"));
    String url = awaitUrl(run);

    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    serve.stop();

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    assertThat(run.err.toString()).contains("token required); Ctrl+C stops")
        .contains("netanal serve: stopping (finishing uploads in progress)").endsWith("netanal serve: stopped"
            + System.lineSeparator());
  }

  private static String awaitUrl(CommandRunner run) throws InterruptedException {
    Pattern listening = Pattern.compile("netanal serve: listening on (http://127\\.0\\.0\\.1:[0-9]+) ");
    for (int i = 0; i < 600; i++) {
      Matcher m = listening.matcher(run.err.toString());
      if (m.find()) {
        return m.group(1);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no start-up line: " + run.err);
  }
}
