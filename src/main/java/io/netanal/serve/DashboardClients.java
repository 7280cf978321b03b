package io.netanal.serve;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The connected dashboards, and the broadcast to them. Sends are asynchronous; each client may have at most
 * {@link #MAX_PENDING} pushes in flight, and one that falls further behind is closed (1008, "too slow") instead
 * of queueing without bound: a slow client is dropped and never slows anyone else.
 *
 * <p>Thread-safe: sessions join and leave on WebSocket threads, the feed broadcasts from its own thread.
 */
final class DashboardClients {
  static final int MAX_PENDING = 3;
  private static final int POLICY_VIOLATION = 1008;

  private final Map<Session, AtomicInteger> pending = new ConcurrentHashMap<>();
  private volatile String latest;

  void join(Session session) {
    pending.put(session, new AtomicInteger());
    String now = latest;
    if (now != null) {
      send(session, now);
    }
  }

  void leave(Session session) {
    pending.remove(session);
  }

  int size() {
    return pending.size();
  }

  /** Sends {@code message} to every client, dropping those too far behind; returns how many were dropped. */
  int broadcast(String message) {
    latest = message;
    int dropped = 0;
    for (Session s : pending.keySet()) {
      if (!send(s, message)) {
        dropped++;
      }
    }
    return dropped;
  }

  private boolean send(Session session, String message) {
    AtomicInteger inFlight = pending.get(session);
    if (inFlight == null || !session.isOpen()) {
      pending.remove(session);
      return false;
    }
    if (inFlight.incrementAndGet() > MAX_PENDING) {
      pending.remove(session);
      session.close(POLICY_VIOLATION, "too slow: more than " + MAX_PENDING + " pushes pending", Callback.NOOP);
      return false;
    }
    session.sendText(message, new Callback() {
      @Override
      public void succeed() {
        inFlight.decrementAndGet();
      }

      @Override
      public void fail(Throwable cause) {
        pending.remove(session);
      }
    });
    return true;
  }

  void closeAll() {
    for (Session s : pending.keySet()) {
      s.close(1001, "collector shutting down", Callback.NOOP);
    }
    pending.clear();
  }
}
