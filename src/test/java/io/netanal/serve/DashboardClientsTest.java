package io.netanal.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

class DashboardClientsTest {
  /** A session that records what is sent and closed; {@code acknowledges} says whether sends complete. */
  private static final class FakeSession {
    final List<String> sent = new ArrayList<>();
    final List<Integer> closedWith = new ArrayList<>();
    final Session session;

    FakeSession(boolean acknowledges) {
      session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
          (proxy, method, args) -> {
            switch (method.getName()) {
              case "isOpen":
                return closedWith.isEmpty();
              case "sendText":
                sent.add((String) args[0]);
                if (acknowledges) {
                  ((Callback) args[1]).succeed();
                }
                return null;
              case "close":
                closedWith.add(args == null ? 1000 : (Integer) args[0]);
                return null;
              case "hashCode":
                return System.identityHashCode(proxy);
              case "equals":
                return proxy == args[0];
              default:
                return null;
            }
          });
    }
  }

  @Test
  void shouldDropAClientThatFallsMoreThanThreePushesBehindAndKeepServingTheOthers() {
    DashboardClients clients = new DashboardClients();
    FakeSession fast = new FakeSession(true);
    FakeSession stuck = new FakeSession(false);
    clients.join(fast.session);
    clients.join(stuck.session);

    int dropped = 0;
    for (int i = 0; i < 5; i++) {
      dropped += clients.broadcast("push " + i);
    }

    assertThat(fast.sent).containsExactly("push 0", "push 1", "push 2", "push 3", "push 4");
    assertThat(stuck.sent).containsExactly("push 0", "push 1", "push 2");
    assertThat(stuck.closedWith).containsExactly(1008);
    assertThat(dropped).isEqualTo(1);
    assertThat(clients.size()).isEqualTo(1);
  }

  @Test
  void shouldSendTheLatestSnapshotToAClientAsSoonAsItJoins() {
    DashboardClients clients = new DashboardClients();
    clients.broadcast("first");
    clients.broadcast("second");
    FakeSession late = new FakeSession(true);

    clients.join(late.session);

    assertThat(late.sent).containsExactly("second");
  }
}
