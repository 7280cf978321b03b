package io.netanal.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends a known number of UDP datagrams and TCP data segments to 127.0.0.1, to sockets it opens itself on
 * ephemeral ports. {@link #filter()} selects exactly those packets: the datagrams, and the client's data
 * segments (PSH set; each write waits until the server has read the previous one, so each is one segment).
 */
public final class LoopbackTraffic implements AutoCloseable {
  public static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();

  private final DatagramSocket udpReceiver;
  private final ServerSocket tcpServer;

  public LoopbackTraffic() throws IOException {
    udpReceiver = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0));
    tcpServer = new ServerSocket(0, 1, LOCALHOST);
  }

  public int udpPort() {
    return udpReceiver.getLocalPort();
  }

  public int tcpPort() {
    return tcpServer.getLocalPort();
  }

  /** The BPF expression matching exactly the packets {@link #sendUdp} and {@link #sendTcp} send. */
  public String filter() {
    return "(udp and dst port " + udpPort() + ") or (tcp and dst port " + tcpPort()
        + " and tcp[tcpflags] & tcp-push != 0)";
  }

  /** Sends {@code count} datagrams of {@code payloadBytes} from an ephemeral port; returns that port. */
  public int sendUdp(int count, int payloadBytes) throws IOException {
    try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0))) {
      byte[] payload = new byte[payloadBytes];
      for (int i = 0; i < count; i++) {
        payload[0] = (byte) i;
        sender.send(new DatagramPacket(payload, payloadBytes, LOCALHOST, udpPort()));
      }
      return sender.getLocalPort();
    }
  }

  /** Connects, sends {@code count} writes of {@code payloadBytes}, one segment each, closes; returns the client port. */
  public int sendTcp(int count, int payloadBytes) throws IOException, InterruptedException {
    Semaphore read = new Semaphore(0);
    Thread server = new Thread(() -> {
      try (Socket s = tcpServer.accept(); InputStream in = s.getInputStream()) {
        byte[] buf = new byte[payloadBytes];
        for (int i = 0; i < count; i++) {
          in.readNBytes(buf, 0, payloadBytes);
          read.release();
        }
      } catch (IOException e) {
        read.release(count); // let the client finish; the test's counts will show the failure
      }
    }, "loopback-tcp-server");
    server.start();
    int clientPort;
    try (Socket client = new Socket()) {
      client.setTcpNoDelay(true);
      client.connect(tcpServer.getLocalSocketAddress());
      clientPort = client.getLocalPort();
      OutputStream out = client.getOutputStream();
      byte[] payload = new byte[payloadBytes];
      for (int i = 0; i < count; i++) {
        out.write(payload);
        out.flush();
        if (!read.tryAcquire(5, TimeUnit.SECONDS)) {
          throw new IOException("loopback server did not read segment " + i);
        }
      }
    }
    server.join(5000);
    return clientPort;
  }

  /** Waits until the receiver has {@code count} datagrams queued (they are all on the wire by then). */
  public void drainUdp(int count) throws IOException {
    udpReceiver.setSoTimeout(5000);
    byte[] buf = new byte[65536];
    for (int i = 0; i < count; i++) {
      udpReceiver.receive(new DatagramPacket(buf, buf.length));
    }
  }

  @Override
  public void close() throws IOException {
    udpReceiver.close();
    tcpServer.close();
  }
}
