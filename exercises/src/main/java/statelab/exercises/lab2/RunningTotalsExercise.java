package statelab.exercises.lab2;

import java.util.List;
import org.apache.spark.api.java.Optional;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import statelab.exercises.MissingSolutionException;

/**
 * Lab 2: running totals with {@code updateStateByKey}. Instructions: {@code exercises/labs/lab2-running-totals.md};
 * grade with {@code ./lab exercise 2}.
 */
public final class RunningTotalsExercise {

    private RunningTotalsExercise() {
    }

    /**
     * The whole job after the source: from each batch's lines to the running total of every word seen so far,
     * kept with {@code updateStateByKey} and {@link #updateTotal}. Everything a stateful job needs before it can
     * start is yours to set up, on {@code ssc}, before you return.
     *
     * @param ssc           the streaming context the lines come from (not started yet)
     * @param lines         each batch's lines; a word is a run of non-space characters (lab 1's rule)
     * @param checkpointDir an empty directory of your own, for whatever Spark needs to write
     * @return after each batch, (word, total so far) for every word seen so far
     */
    public static JavaPairDStream<String, Long> runningTotals(JavaStreamingContext ssc, JavaDStream<String> lines,
                                                             String checkpointDir) {
        throw new MissingSolutionException();
    }

    /**
     * The update function {@code updateStateByKey} calls once per word and batch: the chapter's
     * {@code updateFunc(new_values, last_sum) = sum(new_values) + (last_sum or 0)}.
     *
     * @param newCounts the word's counts in this batch (empty when the batch did not have the word)
     * @param lastTotal the word's total after the previous batch (empty for a word seen for the first time)
     * @return the word's new total (returning empty would remove the word from the state)
     */
    public static Optional<Long> updateTotal(List<Long> newCounts, Optional<Long> lastTotal) {
        throw new MissingSolutionException();
    }
}
