package io.netanal.testing;

/**
 * A collector that end-to-end tests ship to and then ask what it stored: {@link IngestTestServer} now, and
 * {@code netanal serve} (asked through its API) once it exists, without changing the tests.
 */
public interface TestCollector extends AutoCloseable {
  /** The base URL to give {@code ship --to}. */
  String url();

  /** Packets of every file stored, each file counted once however often it was uploaded. */
  long packets() throws Exception;

  /** Files stored. */
  long files() throws Exception;

  @Override
  void close();
}
