package statelab.exercises.testing;

import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import statelab.exercises.MissingSolutionException;

/**
 * Decides whose code a lab's test grades, from the system property {@value #MODE_PROPERTY}:
 * <ul>
 *   <li>{@code auto} (the default): the student's code; where a starter method still throws
 *       {@link MissingSolutionException}, the reference solution instead, with a line on stderr saying so.
 *       A fresh clone therefore builds green.</li>
 *   <li>{@code exercise}: the student's code only; an unsolved lab fails with
 *       "lab N is not solved yet: implement X in Y" ({@code ./lab exercise N}).</li>
 *   <li>{@code solution}: the reference solution only ({@code ./lab exercise N --solution}).</li>
 * </ul>
 */
public final class Grading {

    public static final String MODE_PROPERTY = "statelab.exercise.mode";

    public enum Mode { AUTO, EXERCISE, SOLUTION }

    private Grading() {
    }

    public static Mode mode() {
        String value = System.getProperty(MODE_PROPERTY, "auto").trim();
        try {
            return Mode.valueOf(value.isEmpty() ? "AUTO" : value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MODE_PROPERTY + " must be auto, exercise or solution, got '"
                    + value + "'");
        }
    }

    /**
     * Grades one lab.
     *
     * @param lab      the lab's number
     * @param method   the starter method(s) to write, as the message names them
     * @param starter  the class holding them
     * @param student  the student's implementation (the starter's methods)
     * @param solution the reference implementation
     * @param grading  the lab's grading: throws AssertionError when the implementation is wrong
     */
    public static <T> void grade(int lab, String method, Class<?> starter, T student, T solution,
                                 Consumer<T> grading) {
        Mode mode = mode();
        if (mode == Mode.SOLUTION) {
            grading.accept(solution);
            return;
        }
        try {
            grading.accept(student);
        } catch (RuntimeException | AssertionError failure) {
            if (!MissingSolutionException.isCauseOf(failure)) {
                throw failure; // the student's own attempt failed: that is the grade
            }
            String todo = "implement " + method + " in " + sourcePath(starter);
            if (mode == Mode.EXERCISE) {
                throw new AssertionError("lab " + lab + " is not solved yet: " + todo, failure);
            }
            System.err.println("lab " + lab + ": not solved yet (" + todo + "); graded the reference solution "
                    + "instead. Run ./lab exercise " + lab + " to grade only your own code.");
            grading.accept(solution);
        }
    }

    /**
     * For the tests that check the grading itself (a wrong attempt must fail): they say nothing about the
     * student's code, so {@code ./lab exercise N} skips them.
     */
    public static void skipWhenGradingOnlyTheStudent() {
        Assumptions.assumeFalse(mode() == Mode.EXERCISE,
                "checks the grading itself; runs in the auto and solution modes");
    }

    /** Where a class's source file is, from the repository's root. */
    static String sourcePath(Class<?> type) {
        return "exercises/src/main/java/" + type.getName().replace('.', '/') + ".java";
    }
}
