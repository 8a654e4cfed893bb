package statelab.exercises.lab1;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import statelab.exercises.MissingSolutionException;

/**
 * Lab 1: tokenise and count one batch, the chapter's stateless word count. Instructions:
 * {@code exercises/labs/lab1-batch-word-count.md}; grade with {@code ./lab exercise 1}.
 */
public final class BatchWordCountExercise {

    private BatchWordCountExercise() {
    }

    /**
     * Each batch's (word, count) pairs, counting only that batch's lines. A word is a run of characters that
     * are neither {@link Character#isWhitespace} nor {@link Character#isSpaceChar}; empty lines and runs of
     * white space give no words. You may use {@code statelab.core.Tokenizer} or write your own.
     */
    public static JavaPairDStream<String, Long> countWords(JavaDStream<String> lines) {
        throw new MissingSolutionException();
    }
}
