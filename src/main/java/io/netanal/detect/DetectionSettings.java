package io.netanal.detect;

import io.netanal.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The detectors' thresholds: defaults taken from the tools engineers trust (each cited next to its number), any of
 * them overridden by a properties file ({@code --detect FILE}, one {@code key = value} a line, {@code #} comments):
 *
 * <pre>
 * port-scan.ports = 30          # a number for any threshold below
 * brute-force.ports = 22,3389   # the service ports brute force watches
 * udp-flood.enabled = false     # switches a detector off
 * </pre>
 *
 * <p>An immutable value; any thread. A file with an unknown key or a bad value is rejected whole, with one line
 * naming the file, the key and what was expected ({@link InvalidInputException}, exit 2).
 */
public final class DetectionSettings {
  private static final Map<String, Double> DEFAULTS = new LinkedHashMap<>();

  static {
    // Zeek policy/misc/scan.zeek: port_scan_threshold = 15 distinct ports on one victim in 5 min; Snort 3
    // sfPortscan at its default (medium) sensitivity: scanned ports >= 15.
    DEFAULTS.put("port-scan.ports", 15.0);
    // Snort sfPortscan medium: rejects (RST, ICMP unreachable) >= 10; Zeek counts only failed attempts.
    DEFAULTS.put("port-scan.failed", 10.0);
    // Zeek scan.zeek: addr_scan_threshold = 25 distinct victims on one port in 5 min, failed attempts only.
    DEFAULTS.put("address-sweep.addresses", 25.0);
    DEFAULTS.put("address-sweep.failed", 25.0);
    // Snort sfPortscan port sweep: one or few ports (<= 10) across many hosts.
    DEFAULTS.put("address-sweep.max-ports", 10.0);
    // ntopng host check "SYN flood": 256 SYN/s towards one host (victim side).
    DEFAULTS.put("syn-flood.syn-per-second", 256.0);
    // netanal: SYNs at least 4 times the ACKs that would complete handshakes ("far beyond completed handshakes").
    DEFAULTS.put("syn-flood.handshake-ratio", 4.0);
    // FastNetMon's per-host ban threshold: 20,000 packets/s averaged over 5 s; used as the "high" severity line.
    DEFAULTS.put("syn-flood.high-per-second", 20_000.0);
    // ntopng's flood host checks fire at 256 per second; used as the absolute floor for UDP and ICMP floods.
    DEFAULTS.put("udp-flood.packets-per-second", 256.0);
    // netanal: 4 times the target's own baseline (an exponential average of its earlier windows, alpha 0.2).
    DEFAULTS.put("udp-flood.baseline-factor", 4.0);
    // netanal: a target that answers more than 1 in 10 datagrams is in a conversation (QUIC, RTP), not flooded.
    DEFAULTS.put("udp-flood.max-answer-ratio", 0.1);
    DEFAULTS.put("udp-flood.high-per-second", 20_000.0); // FastNetMon threshold_pps
    DEFAULTS.put("icmp-flood.packets-per-second", 256.0); // ntopng "ICMP flood": 256/s
    DEFAULTS.put("icmp-flood.baseline-factor", 4.0);
    DEFAULTS.put("icmp-flood.high-per-second", 20_000.0); // FastNetMon threshold_pps
    // netanal: 64 KiB of DNS responses in a window (about a hundred large answers) before amplification is judged.
    DEFAULTS.put("dns-amplification.response-bytes", 65_536.0);
    // US-CERT TA14-017A measures DNS amplification at 28 to 54 times the query; 10 stays well under it.
    DEFAULTS.put("dns-amplification.factor", 10.0);
    // CIC-IDS2017's FTP/SSH-Patator runs: dozens of short connections a minute to one service port. fail2ban's
    // sshd jail bans at 5 failures in 10 min; 20 connections in a window keeps a user's reconnects clear of it.
    DEFAULTS.put("brute-force.attempts", 20.0);
    // netanal: a login attempt is small; a client that sends more per connection is transferring, not guessing.
    DEFAULTS.put("brute-force.max-bytes-per-attempt", 20_000.0);
    // netanal: an episode ends after 3 min (the largest default window) without a window raising it.
    DEFAULTS.put("episode.gap-seconds", 180.0);
  }

  /** ftp, ssh, telnet, pop3, imap, ldap, smb, imaps, pop3s, mssql, mysql, rdp, postgresql, vnc. */
  private static final List<Integer> DEFAULT_PORTS =
      List.of(21, 22, 23, 110, 143, 389, 445, 993, 995, 1433, 3306, 3389, 5432, 5900);

  private final Map<String, Double> values;
  private final Set<Integer> bruteForcePorts;
  private final Set<AlertType> disabled;

  private DetectionSettings(Map<String, Double> values, Set<Integer> bruteForcePorts, Set<AlertType> disabled) {
    this.values = Map.copyOf(values);
    this.bruteForcePorts = Set.copyOf(bruteForcePorts);
    this.disabled = disabled.isEmpty() ? Set.of() : Set.copyOf(disabled);
  }

  public static DetectionSettings defaults() {
    return new DetectionSettings(DEFAULTS, new TreeSet<>(DEFAULT_PORTS), EnumSet.noneOf(AlertType.class));
  }

  /** Reads a settings file over the defaults; throws {@link InvalidInputException} naming the first problem. */
  public static DetectionSettings read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
      throw new InvalidInputException(file + ": not a properties file (" + e.getMessage() + ")");
    }
    return parse(p, file.toString());
  }

  static DetectionSettings parse(Properties p, String name) {
    Map<String, Double> values = new LinkedHashMap<>(DEFAULTS);
    Set<Integer> ports = new TreeSet<>(DEFAULT_PORTS);
    Set<AlertType> disabled = EnumSet.noneOf(AlertType.class);
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      String value = p.getProperty(key).trim();
      if (key.equals("brute-force.ports")) {
        ports = ports(name, key, value);
      } else if (key.endsWith(".enabled")) {
        AlertType type = type(name, key, key.substring(0, key.length() - ".enabled".length()));
        if (!value.equals("true") && !value.equals("false")) {
          throw new InvalidInputException(name + ": " + key + ": " + value + " (expected: true or false)");
        }
        if (value.equals("false")) {
          disabled.add(type);
        }
      } else if (DEFAULTS.containsKey(key)) {
        values.put(key, number(name, key, value));
      } else {
        throw new InvalidInputException(name + ": unknown key " + key + " (expected one of: "
            + String.join(", ", DEFAULTS.keySet()) + ", brute-force.ports, <type>.enabled)");
      }
    }
    return new DetectionSettings(values, ports, disabled);
  }

  private static AlertType type(String name, String key, String id) {
    for (AlertType t : AlertType.values()) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    throw new InvalidInputException(name + ": unknown key " + key + " (expected: <type>.enabled with a type of "
        + "port-scan, address-sweep, syn-flood, udp-flood, icmp-flood, dns-amplification, brute-force)");
  }

  private static double number(String name, String key, String value) {
    double d;
    try {
      d = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      d = Double.NaN;
    }
    if (!(d > 0) || Double.isInfinite(d)) {
      throw new InvalidInputException(name + ": " + key + ": " + value + " (expected: a number > 0)");
    }
    return d;
  }

  private static Set<Integer> ports(String name, String key, String value) {
    Set<Integer> ports = new TreeSet<>();
    for (String part : value.split(",")) {
      int port;
      try {
        port = Integer.parseInt(part.trim());
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new InvalidInputException(name + ": " + key + ": " + value
            + " (expected: comma-separated ports 1-65535)");
      }
      ports.add(port);
    }
    return ports;
  }

  /** The threshold named {@code key} (one of the documented keys). */
  double get(String key) {
    Double v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no such threshold: " + key);
    }
    return v;
  }

  boolean enabled(AlertType type) {
    return !disabled.contains(type);
  }

  boolean bruteForcePort(int port) {
    return bruteForcePorts.contains(port);
  }

  /** Every threshold with its value, for the README and {@code --help}. */
  public static Map<String, Double> defaultValues() {
    return java.util.Collections.unmodifiableMap(DEFAULTS);
  }
}
