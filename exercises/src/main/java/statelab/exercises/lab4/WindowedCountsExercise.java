package statelab.exercises.lab4;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import statelab.exercises.MissingSolutionException;

/**
 * Lab 4: Structured Streaming word counts per 10-second event-time window, with a 5-second watermark.
 * Instructions: {@code exercises/labs/lab4-event-time-windows.md}; grade with {@code ./lab exercise 4}.
 */
public final class WindowedCountsExercise {

    private WindowedCountsExercise() {
    }

    /**
     * Counts words per 10-second event-time window. Each line is {@code <epoch-millis> word word ...}: the
     * first token is when the words happened, in milliseconds since 1970-01-01 UTC, the rest are words (the
     * lab 1 rule: runs of non-space characters). Data arriving more than 5 seconds behind the latest event
     * time seen must be allowed to be dropped, so that Spark can close windows and forget them.
     *
     * @return rows {@code (window, word, count)}: {@code window} is the struct {@code functions.window}
     *         makes (start, end), {@code count} a long
     */
    public static Dataset<Row> windowedCounts(Dataset<String> lines) {
        throw new MissingSolutionException();
    }
}
