package io.netanal.flow;

import io.netanal.frame.AddressFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names learnt passively for addresses from the flows' application metadata: DNS answers first, then TLS SNI, then
 * HTTP Host (a name from a better source replaces one from a worse; within a source the first wins). Bounded: at
 * most {@link #MAX_NAMES} addresses, later ones are counted and dropped.
 *
 * <p>IPv4 addresses (a flow's responder as numbers, a DNS answer written as a dotted quad) are kept by number in
 * an open-addressing table, others by text: every DNS answer and every named flow looks its address up, and a
 * lookup by text hashes a new String and compares it with a key long out of the cache, where one by number reads a
 * slot. The responder's text is made only when its entry is.
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
  private final Ipv4Entries byIpv4 = new Ipv4Entries();
  private long dropped;

  /** A learnt name: {@code source} is "dns", "sni" or "host". */
  public record Entry(String address, String name, String source) {}

  @Override
  public void flowEnded(FlowRecord flow) {
    for (FlowRecord.Dns d : flow.dns()) {
      if (d.query() == null) {
        continue;
      }
      for (String answer : d.answers()) {
        if (isAddress(answer)) {
          long ipv4 = dottedQuad(answer);
          if (ipv4 >= 0) {
            learn((int) ipv4, answer, null, d.query(), DNS);
          } else {
            learn(answer, d.query(), DNS);
          }
        }
      }
    }
    if (flow.tls() != null && flow.tls().sni() != null) {
      learnResponder(flow, flow.tls().sni(), SNI);
    }
    if (flow.http() != null && flow.http().host() != null) {
      learnResponder(flow, stripPort(flow.http().host()), HOST);
    }
  }

  /** The name of {@code address}, or null. */
  public String name(String address) {
    long ipv4 = dottedQuad(address);
    Entry e = ipv4 >= 0 ? byIpv4.get((int) ipv4) : byAddress.get(address);
    return e == null ? null : e.name();
  }

  /** Every learnt name, ordered by address text. */
  public List<Entry> entries() {
    List<Entry> list = new ArrayList<>(byAddress.values());
    byIpv4.addTo(list);
    list.sort(java.util.Comparator.comparing(Entry::address));
    return list;
  }

  /** Addresses not kept because the table was full. */
  public long dropped() {
    return dropped;
  }

  private void learnResponder(FlowRecord flow, String name, int source) {
    if (flow.ipv4FromNumbers()) {
      learn((int) flow.respAddressLow(), null, flow, name, source);
    } else {
      String address = flow.respAddress();
      long ipv4 = dottedQuad(address);
      if (ipv4 >= 0) {
        learn((int) ipv4, address, null, name, source);
      } else {
        learn(address, name, source);
      }
    }
  }

  /** {@link #learn(String, String, int)} for an IPv4 address, its text {@code text} or {@code flow}'s responder. */
  private void learn(int address, String text, FlowRecord flow, String name, int source) {
    Entry old = byIpv4.get(address);
    if (old == null) {
      if (size() >= MAX_NAMES) {
        dropped++;
        return;
      }
    } else if (rank(old.source()) <= source) {
      return;
    }
    byIpv4.put(address, new Entry(text != null ? text : flow.respAddress(), name.toLowerCase(Locale.ROOT),
        SOURCES[source]));
  }

  private void learn(String address, String name, int source) {
    Entry old = byAddress.get(address);
    if (old == null) {
      if (size() >= MAX_NAMES) {
        dropped++;
        return;
      }
    } else if (rank(old.source()) <= source) {
      return;
    }
    byAddress.put(address, new Entry(address, name.toLowerCase(Locale.ROOT), SOURCES[source]));
  }

  private int size() {
    return byAddress.size() + byIpv4.size;
  }

  /**
   * The address of {@code text} when it is a dotted quad exactly as {@link AddressFormat#ipv4} writes one (four
   * decimal octets up to 255, no leading zeros), as an unsigned number; else -1, and the text is its own key.
   */
  static long dottedQuad(String text) {
    int n = text.length();
    if (n < 7 || n > 15) {
      return -1;
    }
    long address = 0;
    int octets = 0;
    int i = 0;
    while (true) {
      int start = i;
      int value = 0;
      while (i < n && i - start < 3) {
        int digit = text.charAt(i) - '0';
        if (digit < 0 || digit > 9) {
          break;
        }
        value = value * 10 + digit;
        i++;
      }
      int digits = i - start;
      if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
        return -1;
      }
      address = address << 8 | value;
      if (++octets == 4) {
        return i == n ? address : -1;
      }
      if (i == n || text.charAt(i) != '.') {
        return -1;
      }
      i++;
    }
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

  /** IPv4 address to entry: open addressing (linear probing) over longs, grown by doubling while half full. */
  private static final class Ipv4Entries {
    /** A slot holds the address with bit 32 set (0 is empty); {@link #entries} the entry at the same index. */
    private long[] slots = new long[1 << 10];
    private Entry[] entries = new Entry[1 << 10];
    int size;

    Entry get(int address) {
      long key = key(address);
      int mask = slots.length - 1;
      for (int i = index(key, mask); slots[i] != 0; i = (i + 1) & mask) {
        if (slots[i] == key) {
          return entries[i];
        }
      }
      return null;
    }

    void put(int address, Entry entry) {
      if (size + 1 > slots.length >>> 1) {
        grow();
      }
      if (insert(slots, entries, key(address), entry)) {
        size++;
      }
    }

    void addTo(List<Entry> out) {
      for (Entry e : entries) {
        if (e != null) {
          out.add(e);
        }
      }
    }

    private void grow() {
      long[] largerSlots = new long[slots.length << 1];
      Entry[] largerEntries = new Entry[slots.length << 1];
      for (int i = 0; i < slots.length; i++) {
        if (slots[i] != 0) {
          insert(largerSlots, largerEntries, slots[i], entries[i]);
        }
      }
      slots = largerSlots;
      entries = largerEntries;
    }

    /** Puts {@code entry} at {@code key}; true when the key was new. */
    private static boolean insert(long[] slots, Entry[] entries, long key, Entry entry) {
      int mask = slots.length - 1;
      int i = index(key, mask);
      while (slots[i] != 0 && slots[i] != key) {
        i = (i + 1) & mask;
      }
      boolean added = slots[i] == 0;
      slots[i] = key;
      entries[i] = entry;
      return added;
    }

    private static long key(int address) {
      return (address & 0xffffffffL) | 1L << 32;
    }

    private static int index(long key, int mask) {
      return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }
  }
}
