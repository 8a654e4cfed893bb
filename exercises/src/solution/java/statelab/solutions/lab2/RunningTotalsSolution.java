package statelab.solutions.lab2;

import java.util.List;
import org.apache.spark.api.java.Optional;

/** Reference solution of lab 2: the chapter's {@code updateFunc} in Java. */
public final class RunningTotalsSolution {

    private RunningTotalsSolution() {
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
