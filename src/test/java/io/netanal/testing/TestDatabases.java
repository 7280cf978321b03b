package io.netanal.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server the store tests run against: its JDBC URL comes from the system property
 * {@code netanal.test.postgres} or the environment variable {@code NETANAL_TEST_POSTGRES} (CI's {@code .ci/run}
 * starts Debian's PostgreSQL 15 and sets it). Without one the test skips, or fails under
 * {@code -Dnetanal.requireAllTests=true}. Each test gets a fresh schema, dropped afterwards.
 */
public final class TestDatabases {
  private TestDatabases() {}

  /** The server's URL; skips (or fails under CI) when none is configured or it does not answer. */
  public static String postgres() {
    String url = System.getProperty("netanal.test.postgres", System.getenv("NETANAL_TEST_POSTGRES"));
    TestData.require(url != null && !url.isEmpty(),
        "no PostgreSQL for the store tests: set NETANAL_TEST_POSTGRES to a jdbc:postgresql:// URL (.ci/run does)");
    try (Connection c = DriverManager.getConnection(url)) {
      TestData.require(c.isValid(5), "PostgreSQL at " + url + " does not answer");
    } catch (SQLException e) {
      TestData.require(false, "PostgreSQL at NETANAL_TEST_POSTGRES unreachable: " + e.getMessage());
    }
    return url;
  }

  /** A URL on a new empty schema of the test server; {@link #dropSchema} removes it. */
  public static String freshPostgresSchema() throws SQLException {
    String url = postgres();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public static void dropSchema(String schemaUrl) throws SQLException {
    String schema = schemaUrl.substring(schemaUrl.indexOf("currentSchema=") + "currentSchema=".length());
    try (Connection c = DriverManager.getConnection(schemaUrl); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }
}
