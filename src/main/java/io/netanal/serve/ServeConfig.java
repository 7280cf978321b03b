package io.netanal.serve;

import io.netanal.InvalidInputException;
import io.netanal.store.Retention;
import java.nio.file.Path;

/**
 * How {@code netanal serve} runs: where it listens, where it keeps data ({@code dataDir}; the database too
 * unless {@code dbUrl} names one), the token (null for none), retention, the largest upload (after gunzip), the
 * number of uploads decoded at once, whether listening beyond loopback without a token is allowed, and how long
 * a sensor may be quiet before its open windows are closed ({@code idleCloseSeconds}).
 */
public record ServeConfig(String host, int port, Path dataDir, String dbUrl, String token, Retention retention,
    long maxBodyBytes, int workers, boolean allowRemoteWithoutToken, boolean verbose, int idleCloseSeconds) {
  /** A sensor quiet this long (server time) has its open windows closed: a few spool rotations. */
  public static final int DEFAULT_IDLE_CLOSE_SECONDS = 30;

  public ServeConfig(String host, int port, Path dataDir, String dbUrl, String token, Retention retention,
      long maxBodyBytes, int workers, boolean allowRemoteWithoutToken, boolean verbose) {
    this(host, port, dataDir, dbUrl, token, retention, maxBodyBytes, workers, allowRemoteWithoutToken, verbose,
        DEFAULT_IDLE_CLOSE_SECONDS);
  }

  public ServeConfig {
    if (idleCloseSeconds < 1 || idleCloseSeconds > 3600) {
      throw new InvalidInputException("idle-close: " + idleCloseSeconds + " s (expected: 1 to 3600)");
    }
    if (port < 0 || port > 65535) {
      throw new InvalidInputException("listen: port " + port + " (expected: 0 to 65535)");
    }
    if (maxBodyBytes < 1) {
      throw new InvalidInputException("max-body: " + maxBodyBytes + " bytes (expected: > 0)");
    }
    if (workers < 1 || workers > 64) {
      throw new InvalidInputException("workers: " + workers + " (expected: 1 to 64)");
    }
    if (token != null && token.isBlank()) {
      throw new InvalidInputException("token: empty (expected: a secret, or no --token for none)");
    }
  }

  /** True for 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach. */
  public boolean loopbackOnly() {
    return host.startsWith("127.") || host.equals("::1") || host.equals("[::1]") || host.equals("localhost");
  }
}
