package io.netanal.serve;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A request body opened on its first read, so that merely handing it on does not tell the server to let the
 * client send it (Jetty answers {@code Expect: 100-continue} when the stream is opened). Owned by the request
 * thread.
 */
final class LazyBody extends InputStream {
  private final Supplier<InputStream> opener;
  private InputStream in;

  LazyBody(Supplier<InputStream> opener) {
    this.opener = opener;
  }

  private InputStream in() {
    if (in == null) {
      in = opener.get();
    }
    return in;
  }

  @Override
  public int read() throws IOException {
    return in().read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return in().read(b, off, len);
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      in.close();
    }
  }
}
