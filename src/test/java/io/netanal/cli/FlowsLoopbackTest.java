package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.report.ReportStore;
import io.netanal.testing.LiveCaptureSupport;
import io.netanal.testing.TestData;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code netanal capture} on loopback while the test makes real connections of known outcome, and the report's
 * flows give each its Zeek state: a refused port (REJ), a completed exchange (SF), a half-open attempt to a full
 * accept queue (S0), a connection the client resets (RSTO), one the server resets (RSTR), a UDP request and
 * response (SF). And DNS through a real resolver (dnsmasq on a loopback address of its own, port 53, answering
 * from {@code --host-record} and {@code --address}): the flows' service is {@code dns}, the report learns the
 * answered names, and {@code flows} of the written capture gives the queries.
 */
@Timeout(90)
class FlowsLoopbackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();
  private static final Path DNSMASQ = Path.of("/usr/sbin/dnsmasq");
  private static final int TYPE_A = 1;
  private static final int TYPE_AAAA = 28;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void shouldGiveRealConnectionsTheirZeekStates() throws Exception {
    LiveCaptureSupport.requireLiveCapture();
    int refused = freePort();
    try (ServerSocket server = new ServerSocket(0, 50, LOCALHOST);
         ServerSocket full = new ServerSocket(0, 1, LOCALHOST);
         DatagramSocket udpServer = new DatagramSocket(0, LOCALHOST)) {
      String filter = "port " + refused + " or port " + server.getLocalPort() + " or port " + full.getLocalPort()
          + " or port " + udpServer.getLocalPort();
      CompletableFuture<Integer> exit = capture("capture", "-i", "lo", "--json", "-q", "-f", filter, "-t", "8");
      Thread.sleep(1500); // the capture opens the device

      expectRefused(refused);
      int completed = exchange(server, Close.FIN);
      int reset = exchange(server, Close.CLIENT_RESET);
      int resetByServer = exchange(server, Close.SERVER_RESET);
      List<Socket> attempts = fillAcceptQueue(full);
      int udpClient = udpRequestResponse(udpServer);

      assertThat(exit.get(20, TimeUnit.SECONDS)).as("exit code; stderr: %s", err).isZero();
      for (Socket s : attempts) {
        s.close();
      }
      JsonNode report = JSON.readTree(out.toString());
      Map<String, String> states = new HashMap<>();
      for (JsonNode f : report.path("flows").path("top")) {
        states.put(f.path("proto").asText() + " " + f.path("origPort").asInt() + ">" + f.path("respPort").asInt(),
            f.path("state").asText());
      }
      assertThat(states).containsValue("REJ");
      assertThat(states.entrySet()).anySatisfy(e -> {
        assertThat(e.getKey()).startsWith("tcp ").endsWith(">" + refused);
        assertThat(e.getValue()).isEqualTo("REJ");
      });
      assertThat(states).containsEntry("tcp " + completed + ">" + server.getLocalPort(), "SF");
      assertThat(states).containsEntry("tcp " + reset + ">" + server.getLocalPort(), "RSTO");
      assertThat(states).containsEntry("tcp " + resetByServer + ">" + server.getLocalPort(), "RSTR");
      assertThat(states).containsEntry("udp " + udpClient + ">" + udpServer.getLocalPort(), "SF");
      assertThat(states.entrySet()).anySatisfy(e -> {
        assertThat(e.getKey()).endsWith(">" + full.getLocalPort());
        assertThat(e.getValue()).isEqualTo("S0");
      });
    }
  }

  @Test
  void shouldNameDnsFlowsAndLearnTheAnsweredNamesFromALocalResolver() throws Exception {
    LiveCaptureSupport.requireLiveCapture();
    TestData.require(Files.isExecutable(DNSMASQ), DNSMASQ + " not installed (see .ci/run)");
    TestData.require("root".equals(System.getProperty("user.name")), "dnsmasq on port 53 needs root");
    // A loopback address of its own: port 53 there is free whatever else listens on 127.0.0.1.
    String resolver = "127.53." + ThreadLocalRandom.current().nextInt(1, 255) + "."
        + ThreadLocalRandom.current().nextInt(1, 255);
    Process dnsmasq = new ProcessBuilder(DNSMASQ.toString(), "--no-daemon", "--conf-file=/dev/null", "--no-resolv",
        "--no-hosts", "--listen-address=" + resolver, "--bind-interfaces", "--port=53", "--pid-file=",
        "--host-record=www.example.test,192.0.2.7,2001:db8::7", "--address=/cdn.example.test/198.51.100.9")
        .redirectErrorStream(true).start();
    try {
      awaitLine(dnsmasq, "started");
      Path written = dir.resolve("dns.pcap");
      // Three queries and their three answers: -c 6 ends the capture right after the last.
      CompletableFuture<Integer> exit = capture("capture", "-i", "lo", "--json", "-q", "-f", "host " + resolver,
          "-w", written.toString(), "-c", "6", "-t", "30");
      awaitListening();

      InetAddress server = InetAddress.getByName(resolver);
      int both;
      int cdn;
      try (DatagramSocket client = new DatagramSocket(0, LOCALHOST)) {
        ask(client, server, 0x1001, "www.example.test", TYPE_A);
        ask(client, server, 0x1002, "www.example.test", TYPE_AAAA);
        both = client.getLocalPort();
      }
      try (DatagramSocket client = new DatagramSocket(0, LOCALHOST)) {
        ask(client, server, 0x1003, "cdn.example.test", TYPE_A);
        cdn = client.getLocalPort();
      }

      assertThat(exit.get(40, TimeUnit.SECONDS)).as("exit code; stderr: %s", err).isZero();
      JsonNode report = JSON.readTree(out.toString());
      Map<Integer, String> services = new HashMap<>();
      for (JsonNode f : report.path("flows").path("top")) {
        if (f.path("respAddress").asText().equals(resolver) && f.path("respPort").asInt() == 53) {
          services.put(f.path("origPort").asInt(), f.path("proto").asText() + " " + f.path("service").asText());
        }
      }
      assertThat(services).containsOnly(Map.entry(both, "udp dns"), Map.entry(cdn, "udp dns"));
      List<String> names = new ArrayList<>();
      for (JsonNode n : report.path("names")) {
        names.add(n.path("address").asText() + " " + n.path("name").asText() + " " + n.path("source").asText());
      }
      assertThat(names).containsExactlyInAnyOrder("192.0.2.7 www.example.test dns",
          "2001:db8::7 www.example.test dns", "198.51.100.9 cdn.example.test dns");

      CommandRunner flows = CommandRunner.netanal();
      assertThat(flows.run("flows", "--json", written.toString())).as("stderr: %s", flows.err).isZero();
      Map<Integer, List<String>> queries = new HashMap<>();
      for (String line : flows.out.toString().split("\n")) {
        JsonNode f = JSON.readTree(line);
        List<String> asked = new ArrayList<>();
        for (JsonNode d : f.path("dns")) {
          asked.add(d.path("query").asText() + " " + d.path("qtype").asInt() + " " + d.path("rcode").asInt() + " "
              + d.path("answers"));
        }
        queries.put(f.path("origPort").asInt(), asked);
      }
      assertThat(queries).containsOnly(
          Map.entry(both, List.of("www.example.test 1 0 [\"192.0.2.7\"]", "www.example.test 28 0 [\"2001:db8::7\"]")),
          Map.entry(cdn, List.of("cdn.example.test 1 0 [\"198.51.100.9\"]")));
    } finally {
      dnsmasq.destroy();
      dnsmasq.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Sends a standard query for {@code name} (RFC 1035 section 4.1.1: id, flags 0x0100 = recursion desired, one
   * question) and waits for its answer, which must be the same id with one answer record and no error.
   */
  private static void ask(DatagramSocket client, InetAddress server, int id, String name, int type)
      throws IOException {
    ByteArrayOutputStream query = new ByteArrayOutputStream();
    query.write(new byte[] {
        (byte) (id >> 8), (byte) id, // ID
        0x01, 0x00,                  // QR=0, opcode 0, RD=1
        0x00, 0x01,                  // QDCOUNT 1
        0x00, 0x00,                  // ANCOUNT
        0x00, 0x00,                  // NSCOUNT
        0x00, 0x00});                // ARCOUNT
    for (String label : name.split("\\.")) { // QNAME: length-prefixed labels, then the root
      query.write(label.length());
      query.write(label.getBytes(StandardCharsets.US_ASCII));
    }
    query.write(new byte[] {0x00, 0x00, (byte) type, 0x00, 0x01}); // root label, QTYPE, QCLASS IN
    byte[] bytes = query.toByteArray();
    client.setSoTimeout(3000);
    client.send(new DatagramPacket(bytes, bytes.length, server, 53));
    DatagramPacket answer = new DatagramPacket(new byte[512], 512);
    client.receive(answer);
    byte[] a = answer.getData();
    assertThat(((a[0] & 0xff) << 8) | (a[1] & 0xff)).as("answer id").isEqualTo(id);
    assertThat(a[3] & 0x0f).as("rcode of %s", name).isZero();
    assertThat(((a[6] & 0xff) << 8) | (a[7] & 0xff)).as("answers for %s", name).isEqualTo(1);
  }

  /** Waits until the capture says it is listening (it prints that once the device is open). */
  private void awaitListening() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!err.toString().contains("listening on")) {
      assertThat(System.nanoTime()).as("capture listening; stderr: %s", err).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** Reads {@code process}'s output until a line contains {@code text}. */
  private static void awaitLine(Process process, String text) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line; (line = lines.readLine()) != null; ) {
      seen.append(line).append('\n');
      if (line.contains(text)) {
        return;
      }
    }
    throw new AssertionError("dnsmasq ended before saying '" + text + "': " + seen);
  }

  private CompletableFuture<Integer> capture(String... args) {
    CommandLine cl = Netanal.commandLine();
    CaptureCommand command = cl.getSubcommands().get("capture").getCommand();
    command.store = new ReportStore(dir.resolve("state"));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return CompletableFuture.supplyAsync(() -> cl.execute(args));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, LOCALHOST)) {
      return s.getLocalPort();
    }
  }

  /** Connects to a port nobody listens on: the kernel answers the SYN with a RST. */
  private static void expectRefused(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(LOCALHOST, port), 1000);
      throw new AssertionError("port " + port + " accepted a connection");
    } catch (IOException expected) {
      // refused, as intended
    }
  }

  /** How an exchange ends. */
  private enum Close { FIN, CLIENT_RESET, SERVER_RESET }

  /** One request and response, then the close asked for. Returns the client's port. */
  private static int exchange(ServerSocket server, Close close) throws Exception {
    try (Socket client = new Socket(LOCALHOST, server.getLocalPort());
         Socket accepted = server.accept()) {
      OutputStream request = client.getOutputStream();
      request.write("ping".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      request.flush();
      InputStream in = accepted.getInputStream();
      in.readNBytes(4);
      accepted.getOutputStream().write("pong".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      client.getInputStream().readNBytes(4);
      int port = client.getLocalPort();
      switch (close) {
        case CLIENT_RESET -> {
          client.setSoLinger(true, 0); // close sends RST
          client.close();
        }
        case SERVER_RESET -> {
          accepted.setSoLinger(true, 0); // the responder aborts the established connection
          accepted.close();
        }
        case FIN -> {
          client.shutdownOutput();
          in.read(); // the client's FIN
          accepted.shutdownOutput();
          client.getInputStream().read(); // the server's FIN
        }
      }
      Thread.sleep(100);
      return port;
    }
  }

  /**
   * Connects to a listener that never accepts, with an accept queue of one: once the queue is full the kernel
   * drops further SYNs unanswered, so those attempts stay half-open (S0).
   */
  private static List<Socket> fillAcceptQueue(ServerSocket full) throws IOException {
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Socket s = new Socket();
      sockets.add(s);
      try {
        s.connect(new InetSocketAddress(LOCALHOST, full.getLocalPort()), 1200);
      } catch (SocketTimeoutException expected) {
        // the SYN got no answer: half-open, as intended
      }
    }
    return sockets;
  }

  private static int udpRequestResponse(DatagramSocket server) throws IOException {
    try (DatagramSocket client = new DatagramSocket(0, LOCALHOST)) {
      byte[] request = new byte[32];
      client.send(new DatagramPacket(request, request.length, LOCALHOST, server.getLocalPort()));
      DatagramPacket received = new DatagramPacket(new byte[64], 64);
      server.receive(received);
      server.send(new DatagramPacket(new byte[48], 48, received.getSocketAddress()));
      client.setSoTimeout(2000);
      client.receive(new DatagramPacket(new byte[64], 64));
      return client.getLocalPort();
    }
  }
}
