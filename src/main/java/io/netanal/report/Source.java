package io.netanal.report;

import java.util.List;

/**
 * The report's {@code source}: where the frames came from. {@code kind} is {@code "file"} or {@code "live"};
 * {@code format} {@code "pcap"} or {@code "pcapng"} (null for a live capture not written to a file);
 * {@code linkTypes} DLT names ({@code "EN10MB"}); {@code snaplen} null where the source sets none;
 * {@code filter} the BPF expression applied, or null.
 */
public record Source(String kind, String name, String format, List<String> linkTypes, Integer snaplen,
    String filter) {}
