package io.netanal.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks the collector's token: {@code Authorization: Bearer TOKEN}, or {@code ?token=TOKEN} where a browser
 * cannot set headers (the dashboard's WebSocket). Without a configured token everything is open.
 *
 * <p>Immutable; any thread. The comparison takes the same time wherever the first difference is.
 */
final class TokenGuard {
  private final byte[] token;

  TokenGuard(String token) {
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  boolean enabled() {
    return token != null;
  }

  /** Throws 401 unless the header or the query parameter carries the token. */
  void check(String authorization, String queryToken) {
    if (token == null) {
      return;
    }
    String given = null;
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      given = authorization.substring(7).trim();
    } else if (queryToken != null) {
      given = queryToken;
    }
    if (given == null) {
      throw ApiException.unauthorized("token: missing (expected: Authorization: Bearer TOKEN, or ?token=TOKEN)");
    }
    if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
      throw ApiException.unauthorized("token: wrong token");
    }
  }
}
