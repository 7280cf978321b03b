package io.netanal.decode.app;

/**
 * How much of a message the parsers build: everything its record describes, or only what a flow record keeps,
 * which is cheaper per message (the flow table parses a few hundred thousand payloads of a large capture).
 */
public enum Detail {
  /** Every component as its record documents it. */
  ALL,
  /**
   * What a flow record keeps: a ClientHello's JA3 string without its hash ({@code ja3Hash} null; the flow hashes
   * it with {@link TlsHelloParser#md5Hex} when the record is written), no ServerHello JA3S ({@code ja3s} and
   * {@code ja3sHash} null), a DNS message's first question alone in {@code questions}, and an HTTP message
   * without its version, a response with its status alone (see {@link HttpParser#parse(byte[], int, int, Detail)}).
   */
  FLOW
}
