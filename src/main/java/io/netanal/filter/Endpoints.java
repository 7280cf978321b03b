package io.netanal.filter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The host and port values an {@code and}-group of a {@link FilterBuilder} requires, to refuse groups that
 * no frame can match by equality: two different {@code dst port}s, three different {@code port}s, a
 * {@code not host A} beside {@code host A}. libpcap's optimizer finds these too and refuses the expression
 * ("expression rejects all packets"); the builder says so first, in the house style.
 *
 * <p>One thread, the builder's.
 */
final class Endpoints {
  static final int EITHER_PORT = 0;
  static final int SRC_PORT = 1;
  static final int DST_PORT = 2;
  static final int EITHER_HOST = 3;
  static final int SRC_HOST = 4;
  static final int DST_HOST = 5;

  private final String[] fixed = new String[6]; // SRC_*/DST_*: the one value required
  private final List<Set<String>> either = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>(),
      new HashSet<>(), new HashSet<>(), new HashSet<>());
  private final List<List<String>> negatedValues = new ArrayList<>();

  Endpoints() {
    for (int i = 0; i < 6; i++) {
      negatedValues.add(new ArrayList<>());
    }
  }

  /** True when a frame could still match the group with this term added. */
  boolean admits(int kind, String value, boolean negated) {
    int src = isPort(kind) ? SRC_PORT : SRC_HOST;
    int dst = isPort(kind) ? DST_PORT : DST_HOST;
    int any = isPort(kind) ? EITHER_PORT : EITHER_HOST;
    if (negated) {
      // "not port X" rules out X on both sides, "not dst port X" on one
      return kind == any ? !value.equals(fixed[src]) && !value.equals(fixed[dst]) && !either.get(any).contains(value)
          : !value.equals(fixed[kind]);
    }
    if (negatedValues.get(kind).contains(value) || negatedValues.get(any).contains(value)) {
      return false;
    }
    Set<String> required = new HashSet<>(either.get(any));
    String s = fixed[src];
    String d = fixed[dst];
    if (kind == src) {
      if (s != null && !s.equals(value)) {
        return false;
      }
      s = value;
    } else if (kind == dst) {
      if (d != null && !d.equals(value)) {
        return false;
      }
      d = value;
    } else {
      required.add(value);
    }
    // every "either" value must be the source or the destination
    Set<String> free = new HashSet<>(required);
    free.remove(s);
    free.remove(d);
    int slots = (s == null ? 1 : 0) + (d == null ? 1 : 0);
    return free.size() <= slots;
  }

  void add(int kind, String value, boolean negated) {
    if (negated) {
      negatedValues.get(kind).add(value);
    } else if (kind == EITHER_PORT || kind == EITHER_HOST) {
      either.get(kind).add(value);
    } else {
      fixed[kind] = value;
    }
  }

  private static boolean isPort(int kind) {
    return kind <= DST_PORT;
  }
}
