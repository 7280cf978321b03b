package io.netanal.decode.app;

/** A TLS handshake hello read by {@link TlsHelloParser}: a {@link TlsClientHello} or a {@link TlsServerHello}. */
public sealed interface TlsHello extends AppMessage permits TlsClientHello, TlsServerHello {
  /**
   * False when the hello did not end within the segment (it continues in the next TCP segment or TLS record) or
   * is malformed; the fields read before that point are kept, fingerprints are null.
   */
  @Override
  boolean complete();
}
