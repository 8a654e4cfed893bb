package statelab.exercises.lab2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.Optional;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.core.DStreamOutputs;
import statelab.core.WordPairs;
import statelab.core.testing.ChapterTimeline;
import statelab.core.testing.SparkForTests;
import statelab.exercises.testing.BatchAssertions;
import statelab.exercises.testing.Grading;
import statelab.solutions.lab2.RunningTotalsSolution;

class Lab2RunningTotalsTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkForTests.session("lab2");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /**
     * The grading: first the function on its own (quick, with a precise message), then inside
     * {@code updateStateByKey} on the chapter's timeline, where it must print the chapter's running totals.
     */
    static void grade(Function2<List<Long>, Optional<Long>, Optional<Long>> updateTotal) {
        assertThat(call(updateTotal, List.of(5L), Optional.empty()))
                .as("a new word: updateTotal([5], empty)").isEqualTo(Optional.of(5L));
        assertThat(call(updateTotal, List.of(2L), Optional.of(3L)))
                .as("a known word: updateTotal([2], 3)").isEqualTo(Optional.of(5L));
        assertThat(call(updateTotal, List.of(2L, 3L), Optional.of(10L)))
                .as("several counts in one batch: updateTotal([2, 3], 10)").isEqualTo(Optional.of(15L));
        assertThat(call(updateTotal, List.of(), Optional.of(1L)))
                .as("a word missing from the batch keeps its total: updateTotal([], 1)").isEqualTo(Optional.of(1L));

        List<Map<String, Long>> outputs = SparkForTests.playBatches(spark, ChapterTimeline.BATCHES,
                (ssc, lines, sinkId) -> DStreamOutputs.deliver(
                        WordPairs.batchCounts(lines).updateStateByKey(updateTotal), sinkId));
        BatchAssertions.assertBatches("running totals", ChapterTimeline.BATCHES, outputs,
                ChapterTimeline.RUNNING_TOTALS);
    }

    @Test
    void keepsTheChaptersRunningTotals() {
        Grading.grade(2, "updateTotal", RunningTotalsExercise.class,
                RunningTotalsExercise::updateTotal, RunningTotalsSolution::updateTotal, Lab2RunningTotalsTest::grade);
    }

    @Test
    void gradingFailsAnUpdateThatForgetsThePreviousTotal() {
        Grading.skipWhenGradingOnlyTheStudent();
        assertThatThrownBy(() -> grade((newCounts, lastTotal) ->
                Optional.of(newCounts.stream().mapToLong(Long::longValue).sum())))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("updateTotal([2], 3)");
    }

    @Test
    void gradingFailsAnUpdateThatDropsWordsMissingFromTheBatch() {
        Grading.skipWhenGradingOnlyTheStudent();
        // Correct sums, but a word without new counts leaves the state: gohawks vanishes from the totals.
        assertThatThrownBy(() -> grade((newCounts, lastTotal) -> newCounts.isEmpty() ? Optional.empty()
                : Optional.of(lastTotal.orElse(0L) + newCounts.stream().mapToLong(Long::longValue).sum())))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("keeps its total");
    }

    private static Optional<Long> call(Function2<List<Long>, Optional<Long>, Optional<Long>> f, List<Long> counts,
                                       Optional<Long> last) {
        try {
            return f.call(counts, last);
        } catch (RuntimeException e) {
            throw e; // MissingSolutionException among them: Grading recognises it
        } catch (Exception e) {
            throw new AssertionError("updateTotal threw " + e, e);
        }
    }
}
