package statelab.exercises.lab6;

import statelab.exercises.MissingSolutionException;

/**
 * Lab 6: diagnose a job that falls behind and fix it. Instructions: {@code exercises/labs/lab6-keeping-up.md};
 * grade with {@code ./lab exercise 6}.
 */
public final class KeepingUpExercise {

    private KeepingUpExercise() {
    }

    /**
     * A plan for the job of {@link ShippedJob} that keeps up with the lab's load (5,000 words per second over
     * 1,000 distinct words, on two cores) with batches of at most one second, and still counts every word. The
     * grading also counts each batch's work: no stage of more than 8 tasks, and no batch that re-reads what
     * earlier batches wrote.
     */
    public static JobPlan fixedPlan() {
        throw new MissingSolutionException();
    }
}
