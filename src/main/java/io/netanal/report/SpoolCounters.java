package io.netanal.report;

/**
 * The report's {@code capture.spool} block, for a capture with {@code --spool} only (DESIGN.md section 7):
 * {@code files} made ready with their {@code bytes} and {@code packets}; pending files deleted to keep
 * {@code --spool-max} ({@code deletedFiles}, {@code deletedBytes}, {@code deletedPackets}); frames lost because
 * the spool's disk failed ({@code droppedByDiskFull}); files a killed capture left, recovered or discarded at
 * start.
 */
public record SpoolCounters(String directory, long files, long bytes, long packets, long deletedFiles,
    long deletedBytes, long deletedPackets, long droppedByDiskFull, long recoveredFiles, long discardedFiles) {}
