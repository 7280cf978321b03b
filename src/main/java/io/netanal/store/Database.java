package io.netanal.store;

import io.netanal.EnvironmentException;
import io.netanal.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The collector's database: an embedded SQLite file (WAL mode) or a PostgreSQL server, migrated at open with the
 * same Flyway scripts ({@code io/netanal/store/migration}), and a small fixed pool of connections.
 *
 * <p>Thread-safe. Any thread may borrow a connection; write transactions also take {@link #writeLock()}, because
 * SQLite allows one writer at a time and the window rows are shared upserts that would otherwise contend (the
 * costly part of an ingest, decoding the file, runs before the lock).
 */
public final class Database implements AutoCloseable {
  private static final long BORROW_TIMEOUT_SECONDS = 30;

  private final String url;
  private final boolean sqlite;
  private final BlockingQueue<Connection> idle;
  private final List<Connection> all = new ArrayList<>();
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final int capacity;
  private volatile boolean closed;

  private Database(String url, boolean sqlite, int capacity) {
    this.url = url;
    this.sqlite = sqlite;
    this.capacity = capacity;
    this.idle = new ArrayBlockingQueue<>(capacity);
  }

  /** The SQLite database {@code netanal.db} in {@code dataDir} (created with the directory when missing). */
  public static Database sqlite(Path dataDir, int connections) {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new EnvironmentException(dataDir + ": cannot create the data directory (" + e.getMessage() + ")", e);
    }
    return open("jdbc:sqlite:" + dataDir.resolve("netanal.db").toAbsolutePath(), connections);
  }

  /**
   * Opens {@code url} ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://HOST/DB?user=U&password=P}), applies
   * pending migrations, and checks that a connection works; throws {@link EnvironmentException} when the
   * database cannot be reached.
   */
  public static Database open(String url, int connections) {
    boolean sqlite;
    if (url.startsWith("jdbc:sqlite:")) {
      sqlite = true;
    } else if (url.startsWith("jdbc:postgresql:")) {
      sqlite = false;
    } else {
      throw new InvalidInputException("db: " + redact(url) + " (expected: jdbc:postgresql://HOST[:PORT]/DB?user=U"
          + "&password=P, or jdbc:sqlite:FILE)");
    }
    Database db = new Database(url, sqlite, Math.max(2, connections));
    try {
      db.migrate();
      db.release(db.borrow());
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return db;
  }

  private void migrate() {
    try {
      Flyway.configure(Database.class.getClassLoader())
          .dataSource(url, null, null)
          .locations("classpath:io/netanal/store/migration")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new EnvironmentException("db: " + redact(url) + ": cannot open or migrate the database ("
          + firstLine(rootMessage(e)) + ")", e);
    }
  }

  public boolean isSqlite() {
    return sqlite;
  }

  /** The URL with any password hidden, for messages and the start-up line. */
  public String description() {
    return redact(url);
  }

  /** Held around every write transaction; see the class comment. */
  ReentrantLock writeLock() {
    return writeLock;
  }

  /** A connection in auto-commit mode; give it back with {@link #release}. */
  Connection borrow() {
    if (closed) {
      throw new StoreException("database: closed (the collector is shutting down)", null);
    }
    Connection c = idle.poll();
    if (c != null) {
      return c;
    }
    synchronized (all) {
      if (all.size() < capacity) {
        c = connect();
        all.add(c);
        return c;
      }
    }
    try {
      c = idle.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("database: interrupted while waiting for a connection", e);
    }
    if (c == null) {
      throw new StoreException("database: no free connection after " + BORROW_TIMEOUT_SECONDS + " s (pool of "
          + capacity + ")", null);
    }
    return c;
  }

  /** Returns a connection to the pool; a broken one is closed and replaced later. */
  void release(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
      if (closed || !idle.offer(c)) {
        forget(c);
      }
    } catch (SQLException e) {
      forget(c);
    }
  }

  private void forget(Connection c) {
    synchronized (all) {
      all.remove(c);
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // already broken: nothing more to release
    }
  }

  private Connection connect() {
    try {
      Connection c = DriverManager.getConnection(url);
      if (sqlite) {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA journal_mode=WAL");
          // FULL: a commit is on disk before the sensor hears 200 and drops its copy (one fsync per file).
          s.execute("PRAGMA synchronous=FULL");
          s.execute("PRAGMA busy_timeout=30000");
        }
      }
      return c;
    } catch (SQLException e) {
      throw new EnvironmentException("db: " + redact(url) + ": cannot connect (" + firstLine(e.getMessage())
          + ")", e);
    }
  }

  /** Closes every connection; in-flight work must have finished (the ingest service waits for it). */
  @Override
  public void close() {
    closed = true;
    synchronized (all) {
      for (Connection c : all) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
      all.clear();
    }
    idle.clear();
  }

  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no reason given";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}
