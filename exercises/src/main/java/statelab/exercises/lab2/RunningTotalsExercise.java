package statelab.exercises.lab2;

import java.util.List;
import org.apache.spark.api.java.Optional;
import statelab.exercises.MissingSolutionException;

/**
 * Lab 2: running totals with {@code updateStateByKey}. Instructions: {@code exercises/labs/lab2-running-totals.md};
 * grade with {@code ./lab exercise 2}.
 */
public final class RunningTotalsExercise {

    private RunningTotalsExercise() {
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
