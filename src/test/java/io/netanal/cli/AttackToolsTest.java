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
 * Acceptance with real attack tools: three network namespaces (attacker, victim, DNS reflector) joined by veth
 * pairs, nmap, masscan, hping3, a DNS reflector (dnsmasq queried with spoofed sources) and many short connections
 * to a listening port 22 between them, each recorded by tcpdump in the victim namespace, then analysed: {@code
 * netanal analyze} must raise exactly the expected (type, source, target) alerts. {@code netanal capture} on the
 * victim's veth must raise them live, while it runs, and stream window records with {@code --windows}.
 *
 * <p>Nothing leaves the namespaces: their only links are to each other, with IPv6 off before links come up; the
 * "routed" sweep goes to a subnet the victim does not forward. Needs root and the tools (CI installs them); skips
 * (or fails under {@code -Dnetanal.requireAllTests=true}) without. Namespaces are unique per run and torn down in
 * {@link #tearDown()}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttackToolsTest {
  private static final String ATTACKER = "10.77.0.1";
  private static final String VICTIM = "10.77.0.2";
  private static final String VICTIM_BEHIND_REFLECTOR = "10.79.0.2";
  private static final String REFLECTOR = "10.80.0.2";
  private static final String QUERY = String.join("\n",
      "import sys",
      "from scapy.all import DNS, DNSQR, DNSRROPT",
      "q = DNS(id=4660, rd=1, qd=DNSQR(qname='big.example', qtype=255), ar=DNSRROPT(rclass=4096))",
      "open(sys.argv[1], 'wb').write(bytes(q))");

  @TempDir static Path dir;
  private static Namespaces namespaces;
  private static String id;
  private static String attacker;
  private static String victim;
  private static String reflector;

  @BeforeAll
  static void setUp() throws Exception {
    TestData.require("root".equals(System.getProperty("user.name")), "namespaces and raw sockets need root");
    for (String tool : List.of("/usr/sbin/ip", "/usr/bin/nmap", "/usr/sbin/hping3", "/usr/bin/masscan",
        "/usr/sbin/dnsmasq", "/usr/bin/tcpdump", "/usr/bin/python3")) {
      TestData.require(Files.isExecutable(Path.of(tool)), tool + " not installed (see .ci/run)");
    }
    TestData.require(Namespaces.runFor(10, "/usr/bin/python3", "-c", "import scapy.all") == 0,
        "python3-scapy not installed (see .ci/run)");
    namespaces = new Namespaces();
    id = namespaces.id();
    attacker = namespaces.add("na");
    victim = namespaces.add("nv");
    reflector = namespaces.add("nr");
    for (String ns : List.of(attacker, victim, reflector)) {
      // IPv6 off before any link comes up: no router solicitations or DAD in the captures.
      namespaces.exec(ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
          "net.ipv6.conf.default.disable_ipv6=1");
    }
    link(attacker, "va" + id, ATTACKER, victim, "vv" + id, VICTIM);
    link(attacker, "ra" + id, "10.80.0.1", reflector, "rr" + id, REFLECTOR);
    link(reflector, "rv" + id, "10.79.0.1", victim, "vr" + id, VICTIM_BEHIND_REFLECTOR);
    // The routed sweep: via the victim, which does not forward (a new namespace's default), so it stops there.
    Namespaces.onHost("ip", "-n", attacker, "route", "add", "10.78.0.0/24", "via", VICTIM);
    Namespaces.onHost("ip", "netns", "exec", victim, "sysctl", "-qw", "net.ipv4.icmp_ratelimit=0");
    // Spoofed queries arrive on the attacker's link with the victim's address: no reverse-path filter.
    Namespaces.onHost("ip", "netns", "exec", reflector, "sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0",
        "net.ipv4.conf.default.rp_filter=0", "net.ipv4.conf.rr" + id + ".rp_filter=0");
  }

  private static void link(String nsA, String ifA, String addressA, String nsB, String ifB, String addressB)
      throws Exception {
    Namespaces.onHost("ip", "link", "add", ifA, "netns", nsA, "type", "veth", "peer", "name", ifB, "netns", nsB);
    Namespaces.onHost("ip", "-n", nsA, "addr", "add", addressA + "/24", "dev", ifA);
    Namespaces.onHost("ip", "-n", nsB, "addr", "add", addressB + "/24", "dev", ifB);
    Namespaces.onHost("ip", "-n", nsA, "link", "set", ifA, "up");
    Namespaces.onHost("ip", "-n", nsB, "link", "set", ifB, "up");
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
  void shouldRaiseExactlyTheExpectedAlertsOnRecordingsOfRealTools() throws Exception {
    String mac = namespaces.output(victim, "cat", "/sys/class/net/vv" + id + "/address").trim();
    Path query = dir.resolve("query.bin");
    Namespaces.onHost("/usr/bin/python3", "-c", QUERY, query.toString());
    List<String> failures = new ArrayList<>();

    scenario("nmap-syn", Set.of("port-scan " + ATTACKER + " " + VICTIM), failures,
        "nmap", "-n", "-Pn", "-sS", "--top-ports", "1000", VICTIM);
    scenario("nmap-connect", Set.of("port-scan " + ATTACKER + " " + VICTIM), failures,
        "nmap", "-n", "-Pn", "-sT", "--top-ports", "1000", VICTIM);
    scenario("nmap-udp", Set.of("port-scan " + ATTACKER + " " + VICTIM), failures,
        "nmap", "-n", "-Pn", "-sU", "-p", "1-100", VICTIM);
    scenario("nmap-sweep", Set.of("address-sweep " + ATTACKER + " many"), failures,
        "nmap", "-n", "-sn", "-PE", "--max-retries", "0", "-T5", "10.78.0.0/24");
    scenario("hping3-syn", Set.of("syn-flood " + ATTACKER + " " + VICTIM), failures,
        "hping3", "-S", "-p", "80", "-c", "3000", "-i", "u200", VICTIM);
    scenario("hping3-syn-spoofed", Set.of("syn-flood many " + VICTIM), failures,
        "hping3", "-S", "--rand-source", "-p", "80", "-c", "3000", "-i", "u200", VICTIM);
    scenario("hping3-udp", Set.of("udp-flood " + ATTACKER + " " + VICTIM), failures,
        "hping3", "--udp", "-p", "9", "-c", "3000", "-i", "u200", VICTIM);
    scenario("hping3-icmp", Set.of("icmp-flood " + ATTACKER + " " + VICTIM), failures,
        "hping3", "--icmp", "-c", "3000", "-i", "u200", VICTIM);
    scenario("hping3-icmp-spoofed", Set.of("icmp-flood many " + VICTIM), failures,
        "hping3", "--icmp", "--rand-source", "-c", "3000", "-i", "u200", VICTIM);
    // masscan often keeps waiting after its scan: bounded by SIGKILL.
    scenario("masscan", Set.of("port-scan " + ATTACKER + " " + VICTIM), failures,
        "timeout", "-s", "KILL", "6", "masscan", "-p1-1000", VICTIM, "--rate", "20000", "--interface",
        "va" + id, "--router-mac", mac, "--wait", "1");

    Path server = dir.resolve("server.py");
    Files.writeString(server, SshLikePeers.server(false));
    Path guesser = dir.resolve("guesser.py");
    Files.writeString(guesser, SshLikePeers.GUESSER);
    Process ssh = namespaces.start(victim, "/usr/bin/python3", server.toString());
    try {
      Thread.sleep(500);
      scenario("brute-force-ssh", Set.of("brute-force " + ATTACKER + " " + VICTIM), failures,
          "/usr/bin/python3", guesser.toString(), VICTIM);
    } finally {
      ssh.destroyForcibly();
    }

    List<String> dnsmasq = new ArrayList<>(List.of("dnsmasq", "--no-daemon", "--no-resolv", "--no-hosts",
        "--listen-address=" + REFLECTOR, "--bind-interfaces", "--port=53", "--edns-packet-max=4096",
        "--pid-file="));
    for (int i = 0; i < 12; i++) {
      dnsmasq.add("--txt-record=big.example," + "a".repeat(250) + i); // about 3 kB per ANY answer
    }
    Process resolver = namespaces.start(reflector, dnsmasq.toArray(String[]::new));
    try {
      // Until dnsmasq listens (a fixed half second was too short on a loaded machine: queries went unanswered).
      long listening = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!namespaces.output(reflector, "ss", "-Hlun", "sport = :53").contains(REFLECTOR + ":53")
          && System.nanoTime() < listening) {
        Thread.sleep(100);
      }
      // Queries to the reflector with the victim's address as source: the answers go to the victim.
      scenario("dns-amplification", Set.of("dns-amplification " + REFLECTOR + " " + VICTIM_BEHIND_REFLECTOR),
          failures, "hping3", "--udp", "-a", VICTIM_BEHIND_REFLECTOR, "-p", "53", "-s", "5353", "-k", "-E",
          query.toString(), "-d", Long.toString(Files.size(query)), "-c", "300", "-i", "u2000", REFLECTOR);
    } finally {
      resolver.destroyForcibly();
    }
    assertThat(failures).isEmpty();
  }

  @Test
  @Order(2)
  @Timeout(120)
  void shouldRaiseAlertsLiveWhileCapturing() throws Exception {
    Process capture = namespaces.startReadingOutput(victim,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Netanal.class.getName(), "capture", "-i", "vv" + id, "--json",
        "-q", "--windows", "5s,30s");
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = Namespaces.collectLines(capture, lines, "capture-stdout");
    Thread.sleep(5000); // JVM start and the device open
    namespaces.exec(attacker, "nmap", "-n", "-Pn", "-sS", "--top-ports", "1000", VICTIM);
    namespaces.execFor(30, attacker, "hping3", "-S", "-p", "80", "-c", "3000", "-i", "u200", VICTIM);
    // Windows close by the capture's clock (5 s plus 5 s of grace): both alerts must come while it runs.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && AttackScenarios.alerts(lines).size() < 2) {
      Thread.sleep(200);
    }
    Set<String> live = AttackScenarios.alerts(lines);
    // Ctrl+C: the capture stops and prints its report.
    Namespaces.onHost("kill", "-INT", Long.toString(capture.pid()));
    assertThat(capture.waitFor(20, TimeUnit.SECONDS)).isTrue();
    reader.join(5000);
    assertThat(live).containsExactlyInAnyOrder("port-scan " + ATTACKER + " " + VICTIM,
        "syn-flood " + ATTACKER + " " + VICTIM);
    JsonNode report = null;
    for (String line : lines) {
      JsonNode node = new ObjectMapper().readTree(line);
      if ("netanal.report/1".equals(node.path("schema").asText())) {
        report = node;
      }
    }
    assertThat(report).as("the final report among %s", lines).isNotNull();
    assertThat(lines).as("window records streamed with --windows")
        .anySatisfy(line -> assertThat(line).startsWith("{\"schema\":\"netanal.window/1\",\"window\":\"5s\""));
    assertThat(report.get("alerts")).hasSize(2);
  }


  /** Records {@code tool} (run in the attacker namespace) in the victim namespace and analyses the recording. */
  private void scenario(String name, Set<String> expected, List<String> failures, String... tool)
      throws Exception {
    AttackScenarios.scenario(namespaces, attacker, victim, dir, name, expected, failures, tool);
  }
}
