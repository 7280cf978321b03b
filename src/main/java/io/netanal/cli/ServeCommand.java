package io.netanal.cli;

import io.netanal.InvalidInputException;
import io.netanal.capture.StopSignals;
import io.netanal.serve.CollectorServer;
import io.netanal.serve.ServeConfig;
import io.netanal.store.Retention;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netanal serve}: runs the collector (DESIGN.md section 8) until Ctrl+C or SIGTERM, then shuts it down
 * cleanly: uploads in flight finish, new ones are refused, the database is closed consistent.
 *
 * <p>Runs on the thread that executes the command line; a stop request (signal, or a test through
 * {@link #stop}) may come from any thread.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the collector: receive sensors' captures (POST /api/ingest), keep their history, serve "
        + "the REST API and a live dashboard.",
        "Listens on loopback unless told otherwise; beyond loopback a token is required."})
final class ServeCommand implements Callable<Integer> {
  static final String TOKEN_VARIABLE = "NETANAL_TOKEN";

  @Spec CommandSpec spec;

  @Option(names = "--listen", defaultValue = "127.0.0.1:8080", paramLabel = "HOST:PORT",
      description = "Address and port to listen on (default: ${DEFAULT-VALUE}; port 0 picks a free one; "
          + "[::1]:PORT for IPv6).")
  String listen;

  @Option(names = "--data", defaultValue = "netanal-data", paramLabel = "DIR",
      description = "Directory for the SQLite database and uploads being received (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--db", paramLabel = "JDBC_URL",
      description = "Store in PostgreSQL instead: jdbc:postgresql://HOST[:PORT]/DB?user=U&password=P.")
  String db;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Require this token (Authorization: Bearer, or ?token=) for the API and the WebSocket; "
          + "default: $" + TOKEN_VARIABLE + ", else none.")
  String token;

  @Option(names = "--retain", defaultValue = Retention.DEFAULT, paramLabel = "SIZE=AGE[,...]",
      description = "How long window rows are kept per size, back from the newest (default: ${DEFAULT-VALUE}).")
  String retain;

  @Option(names = "--max-body", defaultValue = "256", paramLabel = "MB",
      description = "Largest upload accepted, after gunzip (default: ${DEFAULT-VALUE} MB); larger ones get 413.")
  long maxBodyMegabytes;

  @Option(names = "--workers", paramLabel = "N",
      description = "Uploads decoded at once (default: the number of cores, at least 2); more get 429.")
  Integer workers;

  @Option(names = "--idle-close", paramLabel = "SECONDS",
      defaultValue = "" + ServeConfig.DEFAULT_IDLE_CLOSE_SECONDS,
      description = "A sensor without uploads this long has its open windows closed, detected on and stored "
          + "(default: ${DEFAULT-VALUE} s).")
  int idleCloseSeconds;

  @Option(names = "--allow-remote-without-token",
      description = "Allow listening beyond loopback without a token (anyone who reaches the port can upload).")
  boolean allowRemoteWithoutToken;

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  volatile CollectorServer running;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (maxBodyMegabytes < 1 || maxBodyMegabytes > 1 << 20) {
      throw new InvalidInputException("max-body: " + maxBodyMegabytes + " MB (expected: 1 to 1048576)");
    }
    String effectiveToken = token != null ? token : System.getenv(TOKEN_VARIABLE);
    ServeConfig config = new ServeConfig(host(listen), port(listen), data, db, effectiveToken,
        Retention.parse(retain), maxBodyMegabytes << 20,
        workers != null ? workers : Math.max(2, Runtime.getRuntime().availableProcessors()),
        allowRemoteWithoutToken, verbose(), idleCloseSeconds);
    // Signals first, so they are restored last: a second Ctrl+C during a slow shutdown still exits at once.
    try (StopSignals signals = StopSignals.install(this::stop, () -> { });
        CollectorServer server = CollectorServer.start(config, err)) {
      running = server;
      err.println("netanal serve: listening on " + server.url() + " (dashboard " + server.url() + "/, API "
          + server.url() + "/api/..., store " + server.databaseDescription() + ", token "
          + (effectiveToken == null ? "none" : "required") + "); Ctrl+C stops");
      err.flush();
      stopRequested.await();
      err.println("netanal serve: stopping (finishing uploads in progress)");
      err.flush();
    } finally {
      running = null;
    }
    err.println("netanal serve: stopped");
    err.flush();
    return ExitCodes.OK;
  }

  /** {@code --verbose} (inherited from the root command): internal errors' stack traces go to stderr. */
  private boolean verbose() {
    var parsed = spec.commandLine().getParseResult();
    return parsed != null && parsed.hasMatchedOption("--verbose");
  }

  /** Asks the running server to shut down; any thread. */
  void stop() {
    stopRequested.countDown();
  }

  static String host(String listen) {
    int colon = listen.lastIndexOf(':');
    if (colon <= 0) {
      throw new InvalidInputException("listen: " + listen + " (expected: HOST:PORT, e.g. 127.0.0.1:8080)");
    }
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host;
  }

  static int port(String listen) {
    String port = listen.substring(listen.lastIndexOf(':') + 1);
    if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
      throw new InvalidInputException("listen: port " + port + " in " + listen + " (expected: 0 to 65535)");
    }
    return Integer.parseInt(port);
  }
}
