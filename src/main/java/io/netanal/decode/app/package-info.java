/**
 * Application metadata parsers: DNS messages, TLS ClientHello/ServerHello (with JA3) and HTTP/1.x request and
 * status lines, read from one TCP or UDP payload without reassembly.
 *
 * <p>They sit beside the frame decoders ({@code io.netanal.decode}) and, like them, read absolute offsets of a
 * BIG_ENDIAN buffer, never move its position or limit and never throw on bad input: "not this protocol" is
 * {@code null}, a message cut by the end of the segment is a result whose {@code complete()} is false. Unlike the
 * decoders they allocate (a record and its strings per message), so they are meant for the few payloads that carry
 * names (a flow's first payload packets), not for every frame. Results are plain records of Strings, ints and
 * Lists, ready to be written as JSON.
 *
 * <p>This is a sub-package rather than part of {@code decode} because its classes are public API (the flow table
 * calls them) while the decoders' internals stay package-private. It depends on the JDK and on
 * {@link io.netanal.frame.AddressFormat}, so that DNS answer addresses read exactly as every other address in a
 * report.
 */
package io.netanal.decode.app;
