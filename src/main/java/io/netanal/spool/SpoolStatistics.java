package io.netanal.spool;

/**
 * What a {@link SpoolWriter} did so far: files made ready ({@code files}, with their {@code bytes} and
 * {@code packets}), pending files deleted to keep the disk budget ({@code deletedFiles}, {@code deletedBytes},
 * {@code deletedPackets}: those this writer wrote and counted), frames lost because the disk failed
 * ({@code droppedByDiskFull}), and the files an interrupted capture left behind that were recovered or discarded
 * at start.
 *
 * <p>Immutable; any thread.
 */
public record SpoolStatistics(long files, long bytes, long packets, long deletedFiles, long deletedBytes,
    long deletedPackets, long droppedByDiskFull, long recoveredFiles, long discardedFiles) {}
