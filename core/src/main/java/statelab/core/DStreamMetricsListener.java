package statelab.core;

import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Turns Spark's {@code BatchInfo} into the lab's {@link BatchMetrics}: scheduling delay, processing time and
 * total delay exactly as the Spark UI's Streaming tab shows them, and, for a job that keeps state, the memory its
 * state RDDs take in Spark's block manager ({@link DStreamStateMemory}).
 */
public final class DStreamMetricsListener implements StreamingListener {

    private final List<BatchListener> listeners;
    private final long batchMs;
    private final long checkpointIntervalMs;
    private final ReplayInputDStream replay;
    private final DStreamStateMemory stateMemory;
    private long zeroTimeMs = -1;

    public DStreamMetricsListener(RunSpec spec) {
        this(spec, null, null);
    }

    /**
     * @param replay    the job's replay input, if it reads one: the line ranges of batches a restarted context runs
     *                  again (which Spark reports without their input) come from it
     * @param stateOf   the job's Spark context, to read its state RDDs' memory after each batch; null for a job
     *                  without state (its batches report -1, as does a graph without a state RDD)
     */
    public DStreamMetricsListener(RunSpec spec, ReplayInputDStream replay, SparkContext stateOf) {
        this.replay = replay;
        this.stateMemory = stateOf == null ? null : new DStreamStateMemory(stateOf);
        this.listeners = spec.listeners();
        this.batchMs = spec.batchMs();
        this.checkpointIntervalMs = spec.batchMs() * spec.checkpointEveryBatches();
    }

    @Override
    public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
        if (listeners.isEmpty()) {
            return;
        }
        BatchMetrics metrics = toMetrics(completed.batchInfo());
        for (BatchListener listener : listeners) {
            listener.onBatch(metrics);
        }
    }

    BatchMetrics toMetrics(BatchInfo info) {
        long batchTimeMs = info.batchTime().milliseconds();
        if (zeroTimeMs < 0) {
            zeroTimeMs = batchTimeMs - batchMs;
        }
        // A stateful DStream checkpoints when (time - zeroTime) is a multiple of its checkpoint interval.
        boolean checkpointBatch = (batchTimeMs - zeroTimeMs) % checkpointIntervalMs == 0;
        long fromLine = -1;
        long toLine = -1;
        for (StreamInputInfo input : JavaConverters.asJavaIterable(info.streamIdToInputInfo().values())) {
            Option<Object> from = input.metadata().get(ReplayInputDStream.FROM_LINE);
            Option<Object> to = input.metadata().get(ReplayInputDStream.TO_LINE);
            if (from.isDefined() && to.isDefined()) {
                fromLine = (Long) from.get();
                toLine = (Long) to.get();
            }
        }
        long lines = info.numRecords();
        if (fromLine < 0 && replay != null) {
            long[] range = replay.computedRange(batchTimeMs);
            if (range != null) {
                fromLine = range[0];
                toLine = range[1];
                lines = toLine - fromLine;
            }
        }
        long stateBytes = stateMemory == null ? -1 : stateMemory.bytes();
        return new BatchMetrics(batchTimeMs, lines, -1, millis(info.schedulingDelay()),
                millis(info.processingDelay()), millis(info.totalDelay()), -1, stateBytes, checkpointBatch, fromLine,
                toLine);
    }

    private static long millis(Option<Object> value) {
        return value.isDefined() ? (Long) value.get() : -1;
    }
}
