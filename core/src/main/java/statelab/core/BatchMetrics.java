package statelab.core;

import java.util.Map;

/**
 * What the lab records about one batch, whatever the variant. Times in milliseconds, sizes in their unit;
 * {@code -1} where the engine does not report a figure.
 *
 * @param batchTimeMs       the batch's time (DStreams) or its trigger's start (Structured Streaming), epoch ms
 * @param inputLines        lines in the batch (Spark counts lines, not words)
 * @param inputWords        words in the batch, where known
 * @param schedulingDelayMs from when the batch was due to when its processing started
 * @param processingMs      from processing start to end
 * @param totalDelayMs      scheduling delay plus processing
 * @param stateKeys         distinct keys held in state after the batch, where known
 * @param stateBytes        state memory after the batch in bytes, where the engine reports it: on DStreams the
 *                          state RDDs' newest generation in Spark's memory store ({@link DStreamStateMemory}): JVM
 *                          objects as Spark's {@code SizeEstimator} estimates them for {@code mapWithState} (its
 *                          state is kept deserialized), Kryo-serialized bytes for {@code updateStateByKey} (which
 *                          Spark keeps serialized); on Structured Streaming the state operators' memoryUsedBytes:
 *                          JVM objects for the HDFS-backed store, RocksDB's own memory (not the state's size, which
 *                          lives on local disk) for the RocksDB store; -1 without state (stateless,
 *                          table-reaggregation, whose table is on disk)
 * @param checkpointBatch   whether this batch also wrote a state checkpoint
 * @param fromLine          on the replay source: the batch's first line number (its offset); -1 elsewhere
 * @param toLine            on the replay source: the line number after the batch's last (its end offset)
 * @param progress          Structured Streaming's own figures of the micro-batch, by name ({@link ProgressFigures}):
 *                          how long each phase of the trigger took and what the state store did; empty on DStreams
 */
public record BatchMetrics(long batchTimeMs, long inputLines, long inputWords, long schedulingDelayMs,
                           long processingMs, long totalDelayMs, long stateKeys, long stateBytes,
                           boolean checkpointBatch, long fromLine, long toLine, Map<String, Long> progress) {

    public BatchMetrics {
        progress = progress == null ? Map.of() : Map.copyOf(progress);
    }

    /** A batch without the engine's own figures (DStreams). */
    public BatchMetrics(long batchTimeMs, long inputLines, long inputWords, long schedulingDelayMs,
                        long processingMs, long totalDelayMs, long stateKeys, long stateBytes,
                        boolean checkpointBatch, long fromLine, long toLine) {
        this(batchTimeMs, inputLines, inputWords, schedulingDelayMs, processingMs, totalDelayMs, stateKeys,
                stateBytes, checkpointBatch, fromLine, toLine, Map.of());
    }

    /** A batch whose line numbers are not known (a socket source). */
    public BatchMetrics(long batchTimeMs, long inputLines, long inputWords, long schedulingDelayMs,
                        long processingMs, long totalDelayMs, long stateKeys, long stateBytes,
                        boolean checkpointBatch) {
        this(batchTimeMs, inputLines, inputWords, schedulingDelayMs, processingMs, totalDelayMs, stateKeys,
                stateBytes, checkpointBatch, -1, -1);
    }

    public BatchMetrics withInputWords(long words) {
        return new BatchMetrics(batchTimeMs, inputLines, words, schedulingDelayMs, processingMs, totalDelayMs,
                stateKeys, stateBytes, checkpointBatch, fromLine, toLine, progress);
    }

    public BatchMetrics withStateKeys(long keys) {
        return new BatchMetrics(batchTimeMs, inputLines, inputWords, schedulingDelayMs, processingMs, totalDelayMs,
                keys, stateBytes, checkpointBatch, fromLine, toLine, progress);
    }
}
