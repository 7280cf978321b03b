package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.testing.Namespaces;
import io.netanal.testing.SshLikePeers;
import io.netanal.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AttackToolsTest} over IPv6: an attacker and a victim namespace joined by a veth pair with unique local
 * addresses, the tools that speak IPv6 run between them and recorded by tcpdump in the victim, then {@code netanal
 * analyze} must raise exactly the expected (type, source, target) alerts, and {@code netanal capture} must raise a
 * scan's live.
 *
 * <p>The tools: nmap {@code -6} SYN, connect and UDP scans of a few hundred ports, nmap {@code -6 -sn} ICMPv6
 * echo sweep of a /120 routed through the victim (which does not forward: it answers each with "no route"),
 * many short connections to a listening port 22, nping floods of TCP SYNs, UDP datagrams and ICMPv6 echo
 * requests (5,000 each at 1,000 a second), and a SYN flood from random sources of the attacker's /64 by thc-ipv6's
 * thcsyn6. No tool here floods ICMPv6 echo requests from random sources at one target (nping takes one source,
 * thc-ipv6's ndpexhaust26 randomises the destination too), so that case of {@link AttackToolsTest} is not here.
 * hping3 and Debian's masscan 1.3.2 take no IPv6 target, so they are not here either.
 *
 * <p>Duplicate address detection and router solicitations are off before the links come up, so the captures
 * hold the tools' traffic and a few neighbour discovery messages. Root and the tools (CI installs them);
 * skips (or fails under {@code -Dnetanal.requireAllTests=true}) without.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttackToolsIpv6Test {
  private static final String ATTACKER = "fd77::1";
  private static final String VICTIM = "fd77::2";
  /** Routed to the victim from the attacker, and nowhere on from there. */
  private static final String SWEPT = "fd78::/120";
  @TempDir static Path dir;
  private static Namespaces namespaces;
  private static String attacker;
  private static String victim;
  private static String attackerLink;
  private static String victimLink;

  @BeforeAll
  static void setUp() throws Exception {
    TestData.require("root".equals(System.getProperty("user.name")), "namespaces and raw sockets need root");
    for (String tool : List.of("/usr/sbin/ip", "/usr/bin/nmap", "/usr/bin/nping", "/usr/bin/atk6-thcsyn6",
        "/usr/bin/tcpdump", "/usr/bin/python3")) {
      TestData.require(Files.isExecutable(Path.of(tool)), tool + " not installed (see .ci/run)");
    }
    namespaces = new Namespaces();
    attacker = namespaces.add("na6");
    victim = namespaces.add("nv6");
    for (String ns : List.of(attacker, victim)) {
      // Before any link comes up: no duplicate address detection (addresses usable at once) and no router
      // solicitations in the captures.
      namespaces.exec(ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0",
          "net.ipv6.conf.default.disable_ipv6=0", "net.ipv6.conf.all.accept_dad=0",
          "net.ipv6.conf.default.accept_dad=0", "net.ipv6.conf.all.router_solicitations=0",
          "net.ipv6.conf.default.router_solicitations=0");
    }
    attackerLink = "v6a" + namespaces.id();
    victimLink = "v6v" + namespaces.id();
    Namespaces.onHost("ip", "link", "add", attackerLink, "netns", attacker, "type", "veth", "peer", "name",
        victimLink, "netns", victim);
    namespaces.exec(attacker, "ip", "addr", "add", ATTACKER + "/64", "dev", attackerLink, "nodad");
    namespaces.exec(victim, "ip", "addr", "add", VICTIM + "/64", "dev", victimLink, "nodad");
    namespaces.exec(attacker, "ip", "link", "set", attackerLink, "up");
    namespaces.exec(victim, "ip", "link", "set", victimLink, "up");
    namespaces.exec(attacker, "ip", "-6", "route", "add", SWEPT, "via", VICTIM);
    // Every probe gets its answer (port unreachable, no route), as on the IPv4 side.
    namespaces.exec(victim, "sysctl", "-qw", "net.ipv6.icmp.ratelimit=0");
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (namespaces != null) {
      namespaces.close();
    }
  }

  @Test
  @Order(1)
  @Timeout(240)
  void shouldRaiseExactlyTheExpectedAlertsOnRecordingsOfRealToolsOverIpv6() throws Exception {
    List<String> failures = new ArrayList<>();
    String scan = "port-scan " + ATTACKER + " " + VICTIM;
    scenario("nmap6-syn", Set.of(scan), failures, "nmap", "-6", "-n", "-Pn", "-sS", "-p", "1-500", VICTIM);
    scenario("nmap6-connect", Set.of(scan), failures, "nmap", "-6", "-n", "-Pn", "-sT", "-p", "1-500", VICTIM);
    scenario("nmap6-udp", Set.of(scan), failures, "nmap", "-6", "-n", "-Pn", "-sU", "-p", "1-100", VICTIM);
    scenario("nmap6-sweep", Set.of("address-sweep " + ATTACKER + " many"), failures,
        "nmap", "-6", "-n", "-sn", "-PE", "--max-retries", "0", "-T5", SWEPT);

    String mac = namespaces.output(victim, "cat", "/sys/class/net/" + victimLink + "/address").trim();
    scenario("nping6-syn", Set.of("syn-flood " + ATTACKER + " " + VICTIM), failures,
        nping(mac, "--tcp", "--flags", "syn", "-p", "80"));
    scenario("nping6-udp", Set.of("udp-flood " + ATTACKER + " " + VICTIM), failures, nping(mac, "--udp", "-p", "9"));
    scenario("nping6-icmp", Set.of("icmp-flood " + ATTACKER + " " + VICTIM), failures,
        nping(mac, "--icmp", "--icmp-type", "128")); // its "echo" is ICMPv4's type 8, unknown to ICMPv6
    // thcsyn6 floods until stopped: 2 s at one SYN every 200 us, each from a random address of the attacker's /64.
    scenario("thcsyn6-spoofed", Set.of("syn-flood many " + VICTIM), failures,
        "timeout", "2", "atk6-thcsyn6", "-r", "-i", "200", "-m", mac, attackerLink, VICTIM, "80");

    Path server = dir.resolve("server.py");
    Files.writeString(server, SshLikePeers.server(true));
    Path guesser = dir.resolve("guesser.py");
    Files.writeString(guesser, SshLikePeers.GUESSER);
    Process ssh = namespaces.start(victim, "/usr/bin/python3", server.toString());
    try {
      Thread.sleep(500);
      scenario("brute-force6-ssh", Set.of("brute-force " + ATTACKER + " " + VICTIM), failures,
          "/usr/bin/python3", guesser.toString(), VICTIM);
    } finally {
      ssh.destroyForcibly();
    }
    assertThat(failures).isEmpty();
  }

  @Test
  @Order(2)
  @Timeout(120)
  void shouldRaiseAnIpv6ScanLiveWhileCapturing() throws Exception {
    Process capture = namespaces.startReading(victim,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Netanal.class.getName(), "capture", "-i", victimLink, "--json",
        "-q", "--windows", "5s");
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = Namespaces.collectLines(capture, lines, "capture-output");
    long started = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (lines.stream().noneMatch(l -> l.contains("listening on")) && System.nanoTime() < started) {
      Thread.sleep(100);
    }
    assertThat(lines).as("the capture's output").anySatisfy(l -> assertThat(l).contains("listening on"));
    namespaces.exec(attacker, "nmap", "-6", "-n", "-Pn", "-sS", "-p", "1-500", VICTIM);
    // Windows close by the capture's clock (5 s plus 5 s of grace): the alert must come while it runs.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && AttackScenarios.alerts(lines).isEmpty()) {
      Thread.sleep(200);
    }
    Set<String> live = AttackScenarios.alerts(lines);
    Namespaces.onHost("kill", "-INT", Long.toString(capture.pid())); // Ctrl+C: the report follows
    assertThat(capture.waitFor(20, TimeUnit.SECONDS)).isTrue();
    reader.join(5000);
    assertThat(live).containsExactly("port-scan " + ATTACKER + " " + VICTIM);
    JsonNode report = null;
    for (String line : lines) {
      if (line.startsWith("{\"schema\":\"netanal.report/1\"")) {
        report = new ObjectMapper().readTree(line);
      }
    }
    assertThat(report).as("the final report among %s", lines).isNotNull();
    assertThat(report.get("alerts")).hasSize(1);
    assertThat(lines).as("IPv6 window records streamed with --windows").anySatisfy(line ->
        assertThat(line).startsWith("{\"schema\":\"netanal.window/1\",\"window\":\"5s\"")
            .contains("\"address\":\"" + ATTACKER + "\""));
  }

  /**
   * nping sending 5,000 probes from the attacker at 1,000 a second (the fastest its rate limiter keeps), on the
   * Ethernet level (its raw IPv6 socket sends fail inside the namespace; that level needs both MAC addresses),
   * without listening for answers ({@code -N}: its capture filter for ICMPv6 probes does not compile).
   */
  private String[] nping(String victimMac, String... probe) throws Exception {
    String ownMac = namespaces.output(attacker, "cat", "/sys/class/net/" + attackerLink + "/address").trim();
    List<String> command = new ArrayList<>(List.of("nping", "-6", "--send-eth", "-e", attackerLink,
        "--source-mac", ownMac, "--dest-mac", victimMac, "-S", ATTACKER, "--rate", "1000", "-c", "5000", "-N", "-q"));
    command.addAll(List.of(probe));
    command.add(VICTIM);
    return command.toArray(String[]::new);
  }


  /** Records {@code tool} (run in the attacker namespace) in the victim namespace and analyses the recording. */
  private static void scenario(String name, Set<String> expected, List<String> failures, String... tool)
      throws Exception {
    AttackScenarios.scenario(namespaces, attacker, victim, dir, name, expected, failures, tool);
  }
}
