package statelab.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Turns Structured Streaming's progress reports into the lab's {@link BatchMetrics}.
 *
 * <p>A micro-batch engine does not queue late batches: when one takes longer than the trigger interval the
 * next simply starts late, with more data. To keep that visible, the scheduling delay of a batch is the time
 * between the trigger it was due at and its actual start: the first interval boundary after the previous
 * batch started, unless the engine was idle at a later boundary.
 */
public final class StructuredMetricsListener extends StreamingQueryListener {

    private final String queryName;
    private final long intervalMs;
    private final List<BatchListener> listeners;
    private final boolean rowsCounted;
    private long previousStartMs = -1;
    private long previousEndMs = -1;

    /** The listener of a query whose state store counts its rows. */
    public StructuredMetricsListener(String queryName, RunSpec spec) {
        this(queryName, spec, true);
    }

    /**
     * @param rowsCounted whether the state store counts its rows: RocksDB does only with
     *                    {@code trackTotalNumberOfRows}, and reports 0 rows without it, which the batches then
     *                    record as unknown (-1), not as an empty state
     */
    public StructuredMetricsListener(String queryName, RunSpec spec, boolean rowsCounted) {
        this.queryName = queryName;
        this.intervalMs = spec.batchMs();
        this.listeners = spec.listeners();
        this.rowsCounted = rowsCounted;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        if (!queryName.equals(progress.name()) || listeners.isEmpty()) {
            return;
        }
        BatchMetrics metrics = toMetrics(progress);
        for (BatchListener listener : listeners) {
            listener.onBatch(metrics);
        }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
    }

    BatchMetrics toMetrics(StreamingQueryProgress progress) {
        long startMs = Instant.parse(progress.timestamp()).toEpochMilli();
        Map<String, Long> durations = progress.durationMs();
        long processingMs = durations.getOrDefault("triggerExecution", 0L);
        long schedulingDelayMs = schedulingDelay(startMs);
        previousStartMs = startMs;
        previousEndMs = startMs + processingMs;

        long stateKeys = -1;
        long stateBytes = -1;
        for (StateOperatorProgress operator : progress.stateOperators()) {
            stateKeys = rowsCounted ? Math.max(stateKeys, 0) + operator.numRowsTotal() : -1;
            stateBytes = Math.max(stateBytes, 0) + operator.memoryUsedBytes();
        }
        long fromLine = -1;
        long toLine = -1;
        if (progress.sources().length == 1 && progress.sources()[0].description().startsWith("replay ")) {
            fromLine = lineNumber(progress.sources()[0].startOffset(), 0);
            toLine = lineNumber(progress.sources()[0].endOffset(), -1);
        }
        return new BatchMetrics(startMs, progress.numInputRows(), -1, schedulingDelayMs, processingMs,
                schedulingDelayMs + processingMs, stateKeys, stateBytes, false, fromLine, toLine,
                ProgressFigures.of(progress));
    }

    /** A replay offset (a line number as JSON); {@code none} when there is none (a new query starts at line 0). */
    private static long lineNumber(String json, long none) {
        if (json == null || json.isBlank() || json.strip().equals("null")) {
            return none;
        }
        try {
            return Long.parseLong(json.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private long schedulingDelay(long startMs) {
        return lateness(previousStartMs, previousEndMs, startMs, intervalMs);
    }

    /**
     * How late a micro-batch started at {@code startMs} is, given when the one before it started and ended (-1:
     * none): the time since the first trigger boundary after the previous start, or since a later boundary at
     * which the engine was already idle. "Ended" is the end of the previous trigger's execution as Spark reports
     * it; the engine goes on for a few milliseconds after it (more under load) before its next trigger, so a
     * boundary that falls in those milliseconds is not one it was idle at: idle means at least
     * {@link #idleSlackMs} before the boundary.
     */
    static long lateness(long previousStartMs, long previousEndMs, long startMs, long intervalMs) {
        if (previousStartMs < 0) {
            return 0;
        }
        long dueMs = (previousStartMs / intervalMs + 1) * intervalMs;
        long lastBoundaryMs = startMs / intervalMs * intervalMs;
        if (lastBoundaryMs > dueMs && lastBoundaryMs >= previousEndMs + idleSlackMs(intervalMs)) {
            dueMs = lastBoundaryMs; // idle at that boundary: the batch was due then, not earlier
        }
        return Math.max(0, startMs - dueMs);
    }

    /** How long before a boundary the previous trigger must have ended for the engine to count as idle at it. */
    static long idleSlackMs(long intervalMs) {
        return Math.min(intervalMs / 4, 100);
    }
}
