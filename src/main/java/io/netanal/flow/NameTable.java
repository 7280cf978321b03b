package io.netanal.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names learnt passively for addresses from the flows' application metadata: DNS answers first, then TLS SNI, then
 * HTTP Host (a name from a better source replaces one from a worse; within a source the first wins). Bounded: at
 * most {@link #MAX_NAMES} addresses, later ones are counted and dropped.
 *
 * <p>A {@link FlowListener} fed by one thread; {@link #entries()} is read by that thread or after it finished.
 */
public final class NameTable implements FlowListener {
  public static final int MAX_NAMES = 100_000;
  static final int DNS = 0;
  static final int SNI = 1;
  static final int HOST = 2;
  private static final String[] SOURCES = {"dns", "sni", "host"};

  private final Map<String, Entry> byAddress = new HashMap<>();
  private long dropped;

  /** A learnt name: {@code source} is "dns", "sni" or "host". */
  public record Entry(String address, String name, String source) {}

  @Override
  public void flowEnded(FlowRecord flow) {
    // Indexed loops: an iterator per record (a flood's every packet, nearly all without DNS) is garbage.
    List<FlowRecord.Dns> dns = flow.dns();
    for (int i = 0, n = dns.size(); i < n; i++) {
      FlowRecord.Dns d = dns.get(i);
      if (d.query() == null) {
        continue;
      }
      List<String> answers = d.answers();
      for (int j = 0, m = answers.size(); j < m; j++) {
        if (isAddress(answers.get(j))) {
          learn(answers.get(j), d.query(), DNS);
        }
      }
    }
    if (flow.tls() != null && flow.tls().sni() != null) {
      learn(flow.respAddress(), flow.tls().sni(), SNI);
    }
    if (flow.http() != null && flow.http().host() != null) {
      learn(flow.respAddress(), stripPort(flow.http().host()), HOST);
    }
  }

  /** The name of {@code address}, or null. */
  public String name(String address) {
    Entry e = byAddress.get(address);
    return e == null ? null : e.name();
  }

  /** Every learnt name, ordered by address text. */
  public List<Entry> entries() {
    List<Entry> list = new ArrayList<>(byAddress.values());
    list.sort(java.util.Comparator.comparing(Entry::address));
    return list;
  }

  /** Addresses not kept because the table was full. */
  public long dropped() {
    return dropped;
  }

  private void learn(String address, String name, int source) {
    Entry old = byAddress.get(address);
    if (old == null) {
      if (byAddress.size() >= MAX_NAMES) {
        dropped++;
        return;
      }
    } else if (rank(old.source()) <= source) {
      return;
    }
    byAddress.put(address, new Entry(address, name.toLowerCase(java.util.Locale.ROOT), SOURCES[source]));
  }

  private static int rank(String source) {
    for (int i = 0; i < SOURCES.length; i++) {
      if (SOURCES[i].equals(source)) {
        return i;
      }
    }
    return SOURCES.length;
  }

  /** An IPv6 address (a colon), or dots and digits ending in a digit; a plain loop, as it runs for every answer. */
  private static boolean isAddress(String text) {
    int n = text.length();
    if (n == 0) {
      return false;
    }
    if (text.indexOf(':') >= 0) {
      return true;
    }
    if (!Character.isDigit(text.charAt(n - 1))) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c != '.' && !Character.isDigit(c)) {
        return false;
      }
    }
    return true;
  }

  private static String stripPort(String host) {
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(']') < colon && host.indexOf(':') == colon) {
      return host.substring(0, colon);
    }
    return host;
  }
}
