package io.netanal.decode.app;

/**
 * What {@link AppMessageParser} found at the start of a payload: a {@link DnsMessage}, a {@link TlsHello} or an
 * {@link HttpMessage}.
 */
public sealed interface AppMessage permits DnsMessage, TlsHello, HttpMessage {
  /** False when the message went on past the payload (or was malformed); see each type for what is kept. */
  boolean complete();
}
