package statelab.solutions.lab2;

import java.util.List;
import org.apache.spark.api.java.Optional;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import statelab.core.WordPairs;

/** Reference solution of lab 2: the chapter's {@code stateful_streaming_word_count.py} in Java. */
public final class RunningTotalsSolution {

    private RunningTotalsSolution() {
    }

    public static JavaPairDStream<String, Long> runningTotals(JavaStreamingContext ssc, JavaDStream<String> lines,
                                                             String checkpointDir) {
        // Each batch's state is computed from the previous batch's state, so its lineage reaches back to the first
        // batch. Spark cuts it by writing the state to this directory every few batches, and refuses to start a
        // stateful stream without one ("The checkpoint directory has not been set").
        ssc.checkpoint(checkpointDir);
        return WordPairs.batchCounts(lines) // lab 1: each batch's (word, count) pairs
                .updateStateByKey(RunningTotalsSolution::updateTotal);
    }

    public static Optional<Long> updateTotal(List<Long> newCounts, Optional<Long> lastTotal) {
        long total = lastTotal.orElse(0L); // "last_sum or 0": a new word starts from zero
        for (long count : newCounts) {
            total += count;
        }
        // Always present: a word absent from this batch keeps its total instead of leaving the state.
        return Optional.of(total);
    }
}
