package statelab.updatestate;

import java.util.List;
import org.apache.spark.api.java.Optional;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import statelab.core.ConsoleRun;
import statelab.core.CountsSink;
import statelab.core.DStreamJob;
import statelab.core.DStreamOutputs;
import statelab.core.DStreamVariant;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.WordPairs;

/**
 * Keeps running word totals with {@code updateStateByKey}: the chapter's {@code stateful_streaming_word_count.py}.
 * With the chapter's timeline second 2 prints {@code (blue,5) (gohawks,1) (green,3)} and second 4
 * {@code (blue,5) (gohawks,1) (green,5)}.
 *
 * <p>Every batch calls the update function for every key in the state, new data or not, and writes the whole
 * state out again: its cost grows with the size of the state. The state is checkpointed every
 * {@code checkpointEveryBatches} batches.
 *
 * <p>Usage: see {@link #USAGE}. Run it against the load generator with the chapter's timeline:
 * <pre>
 *   ./lab loadgen --port 9999 --script chapter     # terminal 1
 *   ./lab run update-state --port 9999             # terminal 2
 * </pre>
 */
public final class UpdateStateWordCount implements DStreamVariant {

    public static final String NAME = "update-state";
    public static final String USAGE = "Usage: UpdateStateWordCount <hostname> <port> [batch-ms]\n"
            + "  Keeps running word totals (updateStateByKey) of lines read from <hostname>:<port>.\n"
            + "  Run it as: ./lab run update-state --host <hostname> --port <port> [--batch 1s] [--checkpoint DIR]";

    /** The chapter's updateFunc: {@code sum(new_values) + (last_sum or 0)}. */
    public static Optional<Long> updateTotal(List<Long> newCounts, Optional<Long> total) {
        long sum = total.orElse(0L);
        for (long count : newCounts) {
            sum += count;
        }
        return Optional.of(sum);
    }

    /** The pipeline: lines in, the running totals of every word seen so far out, after each batch. */
    public static JavaPairDStream<String, Long> totals(JavaDStream<String> lines, long checkpointIntervalMs) {
        JavaPairDStream<String, Long> totals = WordPairs.batchCounts(lines)
                .updateStateByKey(UpdateStateWordCount::updateTotal);
        totals.checkpoint(Durations.milliseconds(checkpointIntervalMs));
        return totals;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "running totals with updateStateByKey: every key updated every batch";
    }

    @Override
    public boolean runningTotals() {
        return true;
    }

    /** Its state RDD is checkpointed every few batches, not with each one. */
    @Override
    public boolean checkpointsStatePeriodically() {
        return true;
    }

    /**
     * Its state RDD of (word, total) pairs, serialized in memory once checkpointed, and the generations a batch
     * keeps alive: about 600 bytes per key (an estimate; see BENCHMARKS.md for measured state sizes).
     */
    @Override
    public long heapBytesPerKey() {
        return 600;
    }

    @Override
    public RunningJob start(RunSpec spec, CountsSink sink) {
        long checkpointIntervalMs = spec.batchMs() * spec.checkpointEveryBatches();
        return DStreamJob.start(spec, source(spec), sink, true,
                (ssc, lines, sinkId) -> DStreamOutputs.deliver(totals(lines, checkpointIntervalMs), sinkId));
    }

    public static void main(String[] args) throws InterruptedException {
        ConsoleRun.main(new UpdateStateWordCount(), USAGE, args);
    }
}
