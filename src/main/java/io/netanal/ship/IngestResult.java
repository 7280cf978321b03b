package io.netanal.ship;

/**
 * The collector's answer to one upload, sorted by what the shipper does next: {@code STORED} and
 * {@code DUPLICATE} (200: the file is in the collector, once) go to {@code processed/}; {@code REJECTED} (a 4xx
 * other than 429: retrying the same request cannot help) goes to {@code failed/}; {@code TRANSIENT} (no
 * connection, a timeout, a cut response, 5xx, 429) is retried after a backoff. {@code status} is the HTTP
 * status, 0 without a response; {@code packets} the collector's count (-1 when it gave none);
 * {@code retryAfterMillis} the server's {@code Retry-After}, 0 without one.
 */
record IngestResult(Kind kind, int status, String message, long packets, long retryAfterMillis) {
  enum Kind { STORED, DUPLICATE, REJECTED, TRANSIENT }

  boolean shipped() {
    return kind == Kind.STORED || kind == Kind.DUPLICATE;
  }
}
