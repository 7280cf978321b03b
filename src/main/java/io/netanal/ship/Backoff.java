package io.netanal.ship;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th consecutive transient failure waits {@code base * 2^(n-1)}, at most
 * {@code cap}, times a random factor in [0.8, 1.2), so that sensors cut off together do not come back in step.
 * A server's {@code Retry-After} is a floor (itself capped). Stateless; any thread.
 */
final class Backoff {
  private final long baseMillis;
  private final long capMillis;

  Backoff(Duration base, Duration cap) {
    this.baseMillis = Math.max(1, base.toMillis());
    this.capMillis = Math.max(baseMillis, cap.toMillis());
  }

  /** The wait before the next attempt after {@code failures} (>= 1) failures in a row. */
  long delayMillis(int failures, long retryAfterMillis) {
    long jittered = (long) (nominalMillis(failures) * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
    return Math.max(Math.max(1, jittered), Math.min(retryAfterMillis, capMillis));
  }

  /** {@code base * 2^(failures-1)}, at most the cap: 5 s, 10 s, 20 s ... */
  long nominalMillis(int failures) {
    long delay = baseMillis;
    for (int i = 1; i < failures && delay < capMillis; i++) {
      delay *= 2;
    }
    return Math.min(delay, capMillis);
  }
}
