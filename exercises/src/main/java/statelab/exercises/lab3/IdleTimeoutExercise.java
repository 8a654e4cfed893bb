package statelab.exercises.lab3;

import org.apache.spark.api.java.Optional;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.State;
import org.apache.spark.streaming.api.java.JavaMapWithStateDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;
import statelab.exercises.MissingSolutionException;

/**
 * Lab 3: running totals with {@code mapWithState}, where words not seen for a while leave the state and emit
 * their final count as they go. Instructions: {@code exercises/labs/lab3-idle-timeout.md}; grade with
 * {@code ./lab exercise 3}.
 */
public final class IdleTimeoutExercise {

    private IdleTimeoutExercise() {
    }

    /**
     * The running totals of {@code batchCounts} (each batch's (word, count) pairs), kept with
     * {@code mapWithState}. A word that received no data for {@code idleTimeout} leaves the state. The stream
     * returned emits, in each batch, (word, new total) for every word in the batch and (word, final total)
     * for every word timing out in that batch.
     */
    public static JavaMapWithStateDStream<String, Long, Long, Tuple2<String, Long>> trackWords(
            JavaPairDStream<String, Long> batchCounts, Duration idleTimeout) {
        throw new MissingSolutionException();
    }

    /**
     * The mapping function {@code mapWithState} calls for each word in a batch, and once more for each word
     * timing out ({@code total.isTimingOut()}; then {@code batchCount} is empty and the state must not be
     * updated).
     *
     * @return what the stream emits for this word in this batch
     */
    public static Tuple2<String, Long> onWord(String word, Optional<Long> batchCount, State<Long> total) {
        throw new MissingSolutionException();
    }
}
