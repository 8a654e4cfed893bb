package statelab.exercises.lab7;

import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupState;
import scala.Tuple2;
import statelab.exercises.MissingSolutionException;

/**
 * Lab 7: running word totals with Structured Streaming's {@code flatMapGroupsWithState}, one
 * {@code GroupState<Long>} per word, where a word that has not occurred for 10 seconds of event time leaves the
 * state and emits its final count as it goes. Instructions: {@code exercises/labs/lab7-arbitrary-state.md};
 * grade with {@code ./lab exercise 7}.
 */
public final class ArbitraryStateExercise {

    /** How far behind the latest event time seen data may still arrive: the watermark's delay. */
    public static final String WATERMARK_DELAY = "5 seconds";

    /** A word leaves the state once the watermark has passed its latest event time plus this many milliseconds. */
    public static final long IDLE_TIMEOUT_MS = 10_000;

    private ArbitraryStateExercise() {
    }

    /**
     * The query: {@code words} grouped by word, each word's running total kept with
     * {@code flatMapGroupsWithState} and {@code updateTotal}, in update output mode, with a timeout that follows
     * event time. Data more than {@link #WATERMARK_DELAY} behind the latest event time seen may be dropped.
     *
     * @param words       a streaming Dataset with the columns {@code eventTime} (a timestamp: when the word
     *                    occurred) and {@code word} (a string), one row per occurrence
     * @param updateTotal the update function to keep the state with (the grading passes {@link #updateTotal}, or a
     *                    wrong one to check that it is caught)
     * @return what {@code updateTotal} returns, micro-batch by micro-batch: (word, total) pairs
     */
    public static Dataset<Tuple2<String, Long>> trackWords(
            Dataset<Row> words, FlatMapGroupsWithStateFunction<String, Row, Long, Tuple2<String, Long>> updateTotal) {
        throw new MissingSolutionException();
    }

    /**
     * The update function: called for each word with rows in the micro-batch ({@code rows}: that word's rows,
     * columns {@code eventTime} and {@code word}), and once more, with no rows and {@code total.hasTimedOut()},
     * when the watermark has passed the word's timeout. A word's timeout is its latest event time plus
     * {@link #IDLE_TIMEOUT_MS}; a word timing out leaves the state.
     *
     * @return what to emit for this word: its new total, or, when it times out, its final one
     */
    public static Iterator<Tuple2<String, Long>> updateTotal(String word, Iterator<Row> rows, GroupState<Long> total) {
        throw new MissingSolutionException();
    }
}
