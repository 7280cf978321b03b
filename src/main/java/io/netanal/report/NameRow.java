package io.netanal.report;

/**
 * One entry of the report's {@code names}: an address and the name learnt for it passively, with where from
 * ({@code "dns"} answer, TLS {@code "sni"}, HTTP {@code "host"}). Immutable; any thread.
 */
public record NameRow(String address, String name, String source) {}
