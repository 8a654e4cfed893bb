package statelab.core;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Structured Streaming's own figures of one micro-batch, flattened into names and numbers so that every batch can
 * be written as a row ({@code progress.csv}) and a slow batch says which part of it was slow:
 * <ul>
 *   <li>{@code durationMs.PHASE}: how long each phase of the trigger took ({@code addBatch}, where the query runs;
 *       {@code walCommit} and {@code commitOffsets}, the offset log; {@code queryPlanning}; {@code latestOffset};
 *       {@code triggerExecution}, the whole trigger);</li>
 *   <li>{@code state.NAME}: the state operators' figures, summed over operators ({@code numRowsUpdated},
 *       {@code numRowsRemoved}, {@code allUpdatesTimeMs}, {@code allRemovalsTimeMs}, {@code commitTimeMs}), and the
 *       store's own metrics ({@code customMetrics}) under the store's names: for RocksDB, for example
 *       {@code rocksdbCommitFlushLatency} and the other commit phases (ms), {@code rocksdbGetLatency} and
 *       {@code rocksdbPutLatency} (ms over the batch), {@code rocksdbSstFileSize} (bytes of SST files on local
 *       disk), {@code rocksdbPinnedBlocksMemoryUsage}; for the HDFS-backed store
 *       {@code stateOnCurrentVersionSizeBytes}. Spark sums a store metric over the batch's partitions; times
 *       summed over partitions can exceed the batch's own duration when tasks run in parallel.</li>
 * </ul>
 * Pure: reads a progress report, touches nothing.
 */
public final class ProgressFigures {

    public static final String DURATION = "durationMs.";
    public static final String STATE = "state.";

    private ProgressFigures() {
    }

    /** The figures of {@code progress}, sorted by name; empty when it reports none. */
    public static Map<String, Long> of(StreamingQueryProgress progress) {
        Map<String, Long> figures = new TreeMap<>();
        if (progress.durationMs() != null) {
            progress.durationMs().forEach((phase, ms) -> {
                if (ms != null) {
                    figures.put(DURATION + phase, ms);
                }
            });
        }
        for (StateOperatorProgress operator : progress.stateOperators()) {
            add(figures, "numRowsUpdated", operator.numRowsUpdated());
            add(figures, "numRowsRemoved", operator.numRowsRemoved());
            add(figures, "allUpdatesTimeMs", operator.allUpdatesTimeMs());
            add(figures, "allRemovalsTimeMs", operator.allRemovalsTimeMs());
            add(figures, "commitTimeMs", operator.commitTimeMs());
            if (operator.customMetrics() != null) {
                operator.customMetrics().forEach((name, value) -> {
                    if (value != null) {
                        add(figures, name, value);
                    }
                });
            }
        }
        return figures;
    }

    private static void add(Map<String, Long> figures, String name, long value) {
        figures.merge(STATE + name, value, Long::sum);
    }
}
