package statelab.exercises.lab2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.Optional;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.core.DStreamOutputs;
import statelab.core.WordPairs;
import statelab.core.testing.ChapterTimeline;
import statelab.core.testing.SparkForTests;
import statelab.exercises.testing.BatchAssertions;
import statelab.exercises.testing.Grading;
import statelab.exercises.testing.Playback;
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

    /** The student's pipeline, as the grading calls it. */
    @FunctionalInterface
    interface Pipeline {
        JavaPairDStream<String, Long> runningTotals(JavaStreamingContext ssc, JavaDStream<String> lines,
                                                    String checkpointDir);
    }

    /** What lab 2 asks for: the update function and the pipeline around it. */
    record Attempt(Function2<List<Long>, Optional<Long>, Optional<Long>> updateTotal, Pipeline pipeline) {
    }

    /**
     * The grading: first the update function on its own (quick, with a precise message), then the whole
     * pipeline on the chapter's timeline, on a streaming context with no checkpoint directory: setting it up is
     * part of the job. After each batch the stream must hold the chapter's running totals, and Spark must have
     * checkpointed into the directory the grading handed over.
     */
    static void grade(Attempt attempt) {
        Function2<List<Long>, Optional<Long>, Optional<Long>> updateTotal = attempt.updateTotal();
        assertThat(call(updateTotal, List.of(5L), Optional.empty()))
                .as("a new word: updateTotal([5], empty)").isEqualTo(Optional.of(5L));
        assertThat(call(updateTotal, List.of(2L), Optional.of(3L)))
                .as("a known word: updateTotal([2], 3)").isEqualTo(Optional.of(5L));
        assertThat(call(updateTotal, List.of(2L, 3L), Optional.of(10L)))
                .as("several counts in one batch: updateTotal([2, 3], 10)").isEqualTo(Optional.of(15L));
        assertThat(call(updateTotal, List.of(), Optional.of(1L)))
                .as("a word missing from the batch keeps its total: updateTotal([], 1)").isEqualTo(Optional.of(1L));

        Path checkpointDir = newDirectory();
        List<Map<String, Long>> totals;
        try {
            totals = Playback.play(spark, ChapterTimeline.BATCHES, 1, Playback.Checkpoint.BY_GRAPH,
                    (ssc, lines, sinkIds) -> DStreamOutputs.deliver(
                            attempt.pipeline().runningTotals(ssc, lines, checkpointDir.toString()), sinkIds.get(0)))
                    .get(0);
        } catch (AssertionError e) {
            if (String.valueOf(e.getMessage()).contains("checkpoint directory has not been set")) {
                throw new AssertionError(String.format(NO_CHECKPOINT, e.getMessage()), e);
            }
            throw e;
        }
        BatchAssertions.assertBatches("running totals", ChapterTimeline.BATCHES, totals,
                ChapterTimeline.RUNNING_TOTALS);
        if (!Playback.holdsCheckpoint(checkpointDir)) {
            throw new AssertionError(String.format(CHECKPOINT_ELSEWHERE, checkpointDir));
        }
    }

    static final String NO_CHECKPOINT = "%s%nSpark refused to start the job. The state of updateStateByKey "
            + "after a batch is computed from its state after the batch before, so without a checkpoint every "
            + "state RDD depends on all the batches so far: the lineage, and the work to recover a lost "
            + "partition, would grow without end. Spark cuts that chain by writing the state to reliable storage "
            + "every few batches, and it will not start a stateful stream until it knows where: give the "
            + "streaming context the directory the grading passes you, before the job starts (Hint 3).";

    static final String CHECKPOINT_ELSEWHERE = "the totals are right, but Spark wrote nothing into the "
            + "checkpoint directory the grading passed you (%s): the job checkpoints somewhere else. A fixed "
            + "directory such as the chapter's \"checkpoint\" lands in whatever the working directory is, and a "
            + "restarted job would find another run's state there. Use the directory you are given.";

    @Test
    void keepsTheChaptersRunningTotals() {
        Grading.grade(2, "updateTotal and runningTotals", RunningTotalsExercise.class,
                new Attempt(RunningTotalsExercise::updateTotal, RunningTotalsExercise::runningTotals),
                new Attempt(RunningTotalsSolution::updateTotal, RunningTotalsSolution::runningTotals),
                Lab2RunningTotalsTest::grade);
    }

    // The wrong attempts that lab2-running-totals.md lists, in its order.

    @Test
    void gradingFailsAnUpdateThatForgetsThePreviousTotal() {
        Grading.skipWhenGradingOnlyTheStudent();
        assertThatThrownBy(() -> grade(withUpdate((newCounts, lastTotal) ->
                Optional.of(newCounts.stream().mapToLong(Long::longValue).sum()))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("updateTotal([2], 3)");
    }

    @Test
    void gradingFailsAnUpdateThatDropsWordsMissingFromTheBatch() {
        Grading.skipWhenGradingOnlyTheStudent();
        // Correct sums, but a word without new counts leaves the state: gohawks vanishes from the totals.
        assertThatThrownBy(() -> grade(withUpdate((newCounts, lastTotal) -> newCounts.isEmpty() ? Optional.empty()
                : Optional.of(lastTotal.orElse(0L) + newCounts.stream().mapToLong(Long::longValue).sum()))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("keeps its total");
    }

    @Test
    void gradingFailsAPipelineThatSetsNoCheckpointDirectory() {
        Grading.skipWhenGradingOnlyTheStudent();
        // The three lines of the chapter without ssc.checkpoint(...): Spark's own error, explained.
        assertThatThrownBy(() -> grade(new Attempt(RunningTotalsSolution::updateTotal,
                (ssc, lines, checkpointDir) -> WordPairs.batchCounts(lines)
                        .updateStateByKey(RunningTotalsSolution::updateTotal))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("The checkpoint directory has not been set")
                .hasMessageContaining("every state RDD depends on all the batches so far");
    }

    @Test
    void gradingFailsAPipelineThatKeepsNoState() {
        Grading.skipWhenGradingOnlyTheStudent();
        // A right update function that the pipeline never uses: lab 1's count, batch by batch.
        assertThatThrownBy(() -> grade(new Attempt(RunningTotalsSolution::updateTotal,
                (ssc, lines, checkpointDir) -> {
                    ssc.checkpoint(checkpointDir);
                    return WordPairs.batchCounts(lines);
                })))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("running totals after batch 2");
    }

    @Test
    void gradingFailsAPipelineThatCheckpointsIntoADirectoryOfItsOwn() {
        Grading.skipWhenGradingOnlyTheStudent();
        // A directory of its own (a temporary one here, so that the test leaves nothing in the working tree).
        String elsewhere = newDirectory().toString();
        assertThatThrownBy(() -> grade(new Attempt(RunningTotalsSolution::updateTotal,
                (ssc, lines, checkpointDir) -> RunningTotalsSolution.runningTotals(ssc, lines, elsewhere))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Spark wrote nothing into the checkpoint directory the grading passed you");
    }

    /** An attempt with the reference pipeline around {@code updateTotal}. */
    private static Attempt withUpdate(Function2<List<Long>, Optional<Long>, Optional<Long>> updateTotal) {
        return new Attempt(updateTotal, (ssc, lines, checkpointDir) -> {
            ssc.checkpoint(checkpointDir);
            return WordPairs.batchCounts(lines).updateStateByKey(updateTotal);
        });
    }

    private static Path newDirectory() {
        try {
            return SparkForTests.tempDir("lab2-checkpoint-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
