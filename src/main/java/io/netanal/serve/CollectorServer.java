package io.netanal.serve;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.util.JavalinBindException;
import io.netanal.EnvironmentException;
import io.netanal.InvalidInputException;
import io.netanal.store.Database;
import io.netanal.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * {@code netanal serve}: the HTTP API, the dashboard's WebSocket and page, the ingest service and the store,
 * started together and stopped in the order that keeps the database consistent (refuse new uploads, let the
 * admitted ones finish, stop HTTP, close the database).
 *
 * <p>Started by one thread; {@link #close()} may be called from any thread (a signal handler), once or more.
 */
public final class CollectorServer implements AutoCloseable {
  private static final long RETENTION_PERIOD_SECONDS = 60;
  private static final long STOP_TIMEOUT_MILLIS = 30_000;

  private final ServeConfig config;
  private final Store store;
  private final IngestService ingest;
  private final CollectorDetection detection;
  /** Runs of the idle check completed (one thread runs them, one after the other). */
  private final AtomicLong idleChecks = new AtomicLong();
  private final DashboardClients clients = new DashboardClients();
  private final ScheduledExecutorService scheduler;
  private final Javalin app;
  private final PrintWriter log;
  private boolean closed;

  private CollectorServer(ServeConfig config, Store store, CollectorDetection detection, IngestService ingest,
      PrintWriter log) {
    this.config = config;
    this.store = store;
    this.detection = detection;
    this.ingest = ingest;
    this.log = log;
    TokenGuard guard = new TokenGuard(config.token());
    ApiHandlers api = new ApiHandlers(store, ingest);
    ErrorMapper errors = new ErrorMapper(log, config.verbose());
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.jetty.host = config.host();
      cfg.jetty.port = config.port();
      // On stop, requests in progress (an ingest whose answer is being written) finish before connections close.
      cfg.jetty.modifyServer(server -> {
        GracefulHandler graceful = new GracefulHandler(server.getHandler());
        server.setHandler(graceful);
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
      });
      cfg.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = "/io/netanal/serve/dashboard";
        sf.location = Location.CLASSPATH;
      });
      cfg.staticFiles.enableWebjars();
      cfg.routes.before("/api/*", ctx -> guard.check(ctx.header("Authorization"), ctx.queryParam("token")));
      cfg.routes.wsBeforeUpgrade("/ws/*",
          ctx -> guard.check(ctx.header("Authorization"), ctx.queryParam("token")));
      cfg.routes.get("/health", api::health);
      cfg.routes.post("/api/ingest", api::ingest);
      cfg.routes.get("/api/summary", api::summary);
      cfg.routes.get("/api/protocols", api::protocols);
      cfg.routes.get("/api/top-sources", api::topSources);
      cfg.routes.get("/api/features", api::features);
      cfg.routes.get("/api/flows", api::flows);
      cfg.routes.get("/api/alerts", api::alerts);
      cfg.routes.get("/api/sensors", api::sensors);
      cfg.routes.ws("/ws/dashboard", ws -> {
        ws.onConnect(ctx -> clients.join(ctx.session));
        ws.onClose(ctx -> clients.leave(ctx.session));
        ws.onError(ctx -> clients.leave(ctx.session));
      });
      cfg.routes.exception(Exception.class, errors::handle);
      cfg.routes.error(404, ctx -> {
        if (ctx.path().startsWith("/api/") || ctx.path().startsWith("/ws/")) {
          ErrorMapper.render(ctx, 404, "not_found", "path: " + ApiException.printable(ctx.path())
              + " (expected: an endpoint listed in the README)");
        }
      });
      cfg.routes.error(405, ctx -> ErrorMapper.render(ctx, 405, "method_not_allowed", ctx.method() + " "
          + ApiException.printable(ctx.path()) + " (expected: GET, or POST for /api/ingest)"));
    });
    this.scheduler = Executors.newScheduledThreadPool(1, r -> {
      Thread t = new Thread(r, "serve-scheduler");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Opens the store (migrating it), starts the server and the background tasks; throws
   * {@link InvalidInputException} for a refused configuration and {@link EnvironmentException} when the port is
   * taken or the database unreachable.
   */
  public static CollectorServer start(ServeConfig config, PrintWriter log) throws IOException {
    if (!config.loopbackOnly() && config.token() == null && !config.allowRemoteWithoutToken()) {
      throw new InvalidInputException("listen: " + config.host() + " is reachable from other machines and no "
          + "token is set (expected: --token or NETANAL_TOKEN, or --allow-remote-without-token)");
    }
    int connections = config.workers() + 4;
    Database db = config.dbUrl() == null ? Database.sqlite(config.dataDir(), connections)
        : Database.open(config.dbUrl(), connections);
    Store store = new Store(db);
    CollectorServer server;
    try {
      UploadSpool spool = new UploadSpool(config.dataDir().resolve("incoming"), config.maxBodyBytes());
      CollectorDetection detection = new CollectorDetection(config.idleCloseSeconds() * 1000L);
      server = new CollectorServer(config, store, detection,
          new IngestService(store, spool, config.workers(), detection, log), log);
      server.app.start();
    } catch (JavalinBindException e) {
      store.close();
      throw new EnvironmentException("listen: " + config.host() + ":" + config.port() + ": address in use or "
          + "not available (" + e.getMessage() + ")", e);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    server.startBackgroundTasks();
    return server;
  }

  private void startBackgroundTasks() {
    DashboardFeed feed = new DashboardFeed(store, ingest, clients);
    scheduler.scheduleWithFixedDelay(() -> runQuietly("dashboard", feed::push), DashboardFeed.PERIOD_SECONDS,
        DashboardFeed.PERIOD_SECONDS, TimeUnit.SECONDS);
    scheduler.scheduleWithFixedDelay(() -> runQuietly("retention", () -> store.applyRetention(config.retention())),
        RETENTION_PERIOD_SECONDS, RETENTION_PERIOD_SECONDS, TimeUnit.SECONDS);
    scheduler.scheduleWithFixedDelay(() -> {
      runQuietly("detection", () -> IngestService.storeFlushes(store,
          detection.closeIdle(System.currentTimeMillis()), log));
      idleChecks.incrementAndGet();
    }, 1, 1, TimeUnit.SECONDS);
  }

  /** A background task's failure is logged and the task runs again next period. */
  private void runQuietly(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.println("netanal serve: " + what + ": " + e.getMessage());
    }
  }

  /** The port actually listened on (the chosen one when configured with 0). */
  public int port() {
    return app.port();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    String host = config.host().contains(":") && !config.host().startsWith("[") ? "[" + config.host() + "]"
        : config.host();
    return "http://" + host + ":" + port();
  }

  /** The long-lived detection state (tests look at its bounds). */
  CollectorDetection detection() {
    return detection;
  }

  /** Idle checks completed so far: one that starts after a state closed has stored it. */
  long idleChecks() {
    return idleChecks.get();
  }

  /** Uploads being decoded or stored right now. */
  int busyWorkers() {
    return ingest.busyWorkers();
  }

  public String databaseDescription() {
    return store.database().description();
  }

  /**
   * Refuses new uploads, waits for admitted ones, stops the tasks, closes and stores the sensors' open windows,
   * stops HTTP, closes the database.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ingest.close();
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // The sensors' open windows are complete as far as this collector will know: close, detect and store them.
    IngestService.storeFlushes(store, detection.closeAll(), log);
    clients.closeAll();
    app.stop();
    store.close();
  }
}
