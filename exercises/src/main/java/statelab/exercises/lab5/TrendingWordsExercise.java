package statelab.exercises.lab5;

import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import statelab.exercises.MissingSolutionException;

/**
 * Lab 5: trending words, the top K words of a sliding window kept with {@code reduceByKeyAndWindow} and an
 * inverse function. Instructions: {@code exercises/labs/lab5-trending-words.md}; grade with
 * {@code ./lab exercise 5}.
 */
public final class TrendingWordsExercise {

    /** The window: the last three batches, sliding by one batch. */
    public static final int WINDOW_BATCHES = 3;

    private TrendingWordsExercise() {
    }

    /**
     * Each batch, the {@code k} words with the highest counts over the last {@link #WINDOW_BATCHES} batches
     * (highest count first, equal counts by word), with their window counts. A word whose window count fell
     * to zero is not trending, even when fewer than {@code k} words are left.
     *
     * @param batchCounts   each batch's (word, count) pairs
     * @param batchInterval the stream's batch interval (windows are multiples of it)
     */
    public static JavaPairDStream<String, Long> trending(JavaPairDStream<String, Long> batchCounts,
                                                         Duration batchInterval, int k) {
        throw new MissingSolutionException();
    }
}
