package io.netanal.testing;

/**
 * The two Python programs of the brute-force scenarios (run by Debian's python3 inside test namespaces): a
 * listener on port 22 that greets as an SSH server and hangs up, and a client that makes 40 short connections
 * to it, each with a guess-sized exchange, as password guessing does.
 */
public final class SshLikePeers {
  private SshLikePeers() {}

  /** The listener, bound to every address of {@code ipv6 ? "::" : "0.0.0.0"}. */
  public static String server(boolean ipv6) {
    return String.join("\n",
        "import socket",
        ipv6 ? "s = socket.socket(socket.AF_INET6)" : "s = socket.socket()",
        "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
        ipv6 ? "s.bind(('::', 22))" : "s.bind(('0.0.0.0', 22))",
        "s.listen(128)",
        "while True:",
        "    c, _ = s.accept()",
        "    try:",
        "        c.sendall(b'SSH-2.0-OpenSSH_9.2\\r\\n')",
        "        c.recv(1000)",
        "    except OSError:",
        "        pass",
        "    c.close()");
  }

  /** The guesser: its first argument is the server's address. */
  public static final String GUESSER = String.join("\n",
      "import socket, sys, time",
      "for i in range(40):",
      "    s = socket.create_connection((sys.argv[1], 22), timeout=2)",
      "    try:",
      "        s.recv(100)",
      "        s.sendall(b'SSH-2.0-guess\\r\\n' + b'x' * 200)",
      "    except OSError:",
      "        pass",
      "    s.close()",
      "    time.sleep(0.05)");
}
