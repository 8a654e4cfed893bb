package statelab.exercises.lab3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.spark.api.java.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.State;
import org.apache.spark.streaming.StateSpec;
import org.apache.spark.streaming.api.java.JavaMapWithStateDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import statelab.core.DStreamOutputs;
import statelab.core.WordPairs;
import statelab.core.testing.SparkForTests;
import statelab.exercises.testing.Grading;
import statelab.solutions.lab3.IdleTimeoutSolution;

class Lab3IdleTimeoutTest {

    /** The idle timeout: two batch intervals. */
    static final Duration IDLE_TIMEOUT = Durations.milliseconds(2 * SparkForTests.TEST_BATCH_MS);

    /**
     * A word last updated in batch k is idle for more than two intervals first in batch k + 3, and times out
     * there: red (last seen in batch 2) in batch 5, blue (batch 5) in batch 8, red again (batch 6) in batch 9.
     * Blue's one-batch gap (batches 1 to 3) is shorter than the timeout, so blue keeps counting.
     */
    static final List<List<String>> BATCHES = List.of(
            List.of("red red blue"),   // 1
            List.of("red"),            // 2
            List.of("blue"),           // 3
            List.of("blue"),           // 4
            List.of("blue"),           // 5: red times out with 3
            List.of("red"),            // 6: red is back, counted from zero
            List.of(),                 // 7
            List.of(),                 // 8: blue times out with 4
            List.of());                // 9: red times out with 1

    /** What the stream emits: new totals of the batch's words, final totals of the words timing out. */
    static final List<Map<String, Long>> EMITTED = List.of(
            Map.of("red", 2L, "blue", 1L),
            Map.of("red", 3L),
            Map.of("blue", 2L),
            Map.of("blue", 3L),
            Map.of("blue", 4L, "red", 3L),
            Map.of("red", 1L),
            Map.of(),
            Map.of("blue", 4L),
            Map.of("red", 1L));

    /** What the state holds after each batch. */
    static final List<Map<String, Long>> STATE = List.of(
            Map.of("red", 2L, "blue", 1L),
            Map.of("red", 3L, "blue", 1L),
            Map.of("red", 3L, "blue", 2L),
            Map.of("red", 3L, "blue", 3L),
            Map.of("blue", 4L),
            Map.of("blue", 4L, "red", 1L),
            Map.of("blue", 4L, "red", 1L),
            Map.of("red", 1L),
            Map.of());

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkForTests.session("lab3");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** The grading: batch by batch, what the stream emits and what the state holds. */
    static void grade(BiFunction<JavaPairDStream<String, Long>, Duration,
            JavaMapWithStateDStream<String, Long, Long, Tuple2<String, Long>>> trackWords) {
        List<List<Map<String, Long>>> outputs = SparkForTests.playBatches(spark, BATCHES, 2, (ssc, lines, sinkIds) -> {
            JavaMapWithStateDStream<String, Long, Long, Tuple2<String, Long>> tracked =
                    trackWords.apply(WordPairs.batchCounts(lines), IDLE_TIMEOUT);
            // mapWithState looks for idle words only in batches that checkpoint its state (every 10th by
            // default): checkpointing every batch makes the timeout exact to the batch.
            tracked.checkpoint(Durations.milliseconds(SparkForTests.TEST_BATCH_MS));
            DStreamOutputs.deliver(tracked.mapToPair(pair -> pair), sinkIds.get(0));
            DStreamOutputs.deliver(tracked.stateSnapshots(), sinkIds.get(1));
        });
        // Batch by batch, the emitted pairs and then the state: the first difference is where the attempt went wrong.
        for (int i = 0; i < BATCHES.size(); i++) {
            assertThat(new TreeMap<>(outputs.get(0).get(i)))
                    .as("emitted after batch %d (input %s)", i + 1, BATCHES.get(i))
                    .isEqualTo(new TreeMap<>(EMITTED.get(i)));
            assertThat(new TreeMap<>(outputs.get(1).get(i)))
                    .as("state after batch %d (input %s): what mapWithState keeps for the next batch", i + 1,
                            BATCHES.get(i))
                    .isEqualTo(new TreeMap<>(STATE.get(i)));
        }
    }

    @Test
    void idleWordsLeaveTheStateWithTheirFinalCount() {
        Grading.grade(3, "trackWords and onWord", IdleTimeoutExercise.class,
                IdleTimeoutExercise::trackWords, IdleTimeoutSolution::trackWords, Lab3IdleTimeoutTest::grade);
    }

    // The wrong attempts that lab3-idle-timeout.md lists, in its order.

    @Test
    void gradingFailsWhenNoTimeoutIsSet() {
        Grading.skipWhenGradingOnlyTheStudent();
        assertThatThrownBy(() -> grade((batchCounts, idleTimeout) ->
                batchCounts.mapWithState(StateSpec.function(IdleTimeoutSolution::onWord))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("emitted after batch 5");
    }

    @Test
    void gradingFailsAFunctionThatUpdatesATimingOutWord() {
        Grading.skipWhenGradingOnlyTheStudent();
        // Spark refuses to update a state that is timing out: the batch fails, and so does the grade.
        assertThatThrownBy(() -> grade((batchCounts, idleTimeout) -> batchCounts.mapWithState(
                StateSpec.function(Lab3IdleTimeoutTest::updatesEvenWhenTimingOut).timeout(idleTimeout))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cannot update the state that is timing out");
    }

    @Test
    void gradingFailsAFunctionThatNeverUpdatesTheState() {
        Grading.skipWhenGradingOnlyTheStudent();
        // Emits the right pairs in batch 1, but keeps nothing: the state stays empty and every batch starts over.
        assertThatThrownBy(() -> grade((batchCounts, idleTimeout) -> batchCounts.mapWithState(
                StateSpec.function(Lab3IdleTimeoutTest::emitsWithoutUpdating).timeout(idleTimeout))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("state after batch 1");
    }

    private static Tuple2<String, Long> emitsWithoutUpdating(String word, Optional<Long> count, State<Long> total) {
        return new Tuple2<>(word, (total.exists() ? total.get() : 0L) + count.orElse(0L));
    }

    private static Tuple2<String, Long> updatesEvenWhenTimingOut(String word, Optional<Long> count,
                                                                 State<Long> total) {
        long sum = (total.exists() ? total.get() : 0L) + count.orElse(0L);
        total.update(sum);
        return new Tuple2<>(word, sum);
    }
}
