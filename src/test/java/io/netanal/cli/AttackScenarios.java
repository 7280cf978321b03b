package io.netanal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.testing.Namespaces;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the IPv4 and IPv6 attack tests share: a real tool recorded in the victim's namespace and analysed, and
 * the alerts netanal raised, each as "type source target".
 */
final class AttackScenarios {
  private AttackScenarios() {}

  /**
   * Records {@code tool}, run in namespace {@code attacker}, in namespace {@code victim} into {@code dir/name.pcap},
   * analyses the recording, and adds a line to {@code failures} unless the alerts are exactly {@code expected}.
   * The tool's exit code is not checked: hping3 exits 1 when nothing answers (spoofed sources).
   */
  static void scenario(Namespaces namespaces, String attacker, String victim, Path dir, String name,
      Set<String> expected, List<String> failures, String... tool) throws Exception {
    Path pcap = dir.resolve(name + ".pcap");
    namespaces.record(victim, pcap, () -> namespaces.execFor(60, attacker, tool));
    CommandRunner netanal = CommandRunner.netanal();
    int exit = netanal.run("analyze", "--json", pcap.toString());
    Set<String> raised = new TreeSet<>();
    for (JsonNode alert : new ObjectMapper().readTree(netanal.out.toString()).path("alerts")) {
      raised.add(triple(alert));
    }
    if (exit != 0 || !raised.equals(new TreeSet<>(expected))) {
      failures.add(name + ": expected " + new TreeSet<>(expected) + ", raised " + raised + " (exit " + exit + ")");
    }
  }

  /** "type source target" of every alert line among {@code lines} (other lines: stderr, window records). */
  static Set<String> alerts(List<String> lines) throws IOException {
    Set<String> alerts = new TreeSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      if (line.startsWith("{")) {
        JsonNode node = json.readTree(line);
        if ("netanal.alert/1".equals(node.path("schema").asText())) {
          alerts.add(triple(node));
        }
      }
    }
    return alerts;
  }

  private static String triple(JsonNode alert) {
    return alert.get("type").asText() + " " + alert.get("source").asText() + " " + alert.get("target").asText();
  }
}
