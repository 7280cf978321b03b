package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.report.ReportStore;
import io.netanal.testing.LiveCaptureSupport;
import java.io.IOException;
import java.io.InputStream;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code netanal capture} on loopback while the test makes real connections of known outcome, and the report's
 * flows give each its Zeek state: a refused port (REJ), a completed exchange (SF), a half-open attempt to a full
 * accept queue (S0), a connection the client resets (RSTO), a UDP request and response (SF).
 */
@Timeout(90)
class FlowsLoopbackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();

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
      int completed = exchange(server, false);
      int reset = exchange(server, true);
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
      assertThat(states).containsEntry("udp " + udpClient + ">" + udpServer.getLocalPort(), "SF");
      assertThat(states.entrySet()).anySatisfy(e -> {
        assertThat(e.getKey()).endsWith(">" + full.getLocalPort());
        assertThat(e.getValue()).isEqualTo("S0");
      });
    }
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

  /** One request and response; the client closes with FIN, or with RST when {@code reset}. Returns its port. */
  private static int exchange(ServerSocket server, boolean reset) throws Exception {
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
      if (reset) {
        client.setSoLinger(true, 0); // close sends RST
        client.close();
        Thread.sleep(100);
      } else {
        client.shutdownOutput();
        in.read(); // the client's FIN
        accepted.shutdownOutput();
        client.getInputStream().read(); // the server's FIN
        Thread.sleep(100);
      }
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
