package statelab.exercises.lab5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.dstream.DStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.core.DStreamOutputs;
import statelab.core.WordPairs;
import statelab.core.testing.SparkForTests;
import statelab.exercises.testing.BatchAssertions;
import statelab.exercises.testing.Grading;
import statelab.exercises.testing.Playback;
import statelab.solutions.lab5.TrendingWordsSolution;

class Lab5TrendingWordsTest {

    static final int K = 3;

    static final List<List<String>> BATCHES = List.of(
            List.of("spark spark spark flink"),   // 1
            List.of("spark kafka kafka"),         // 2
            List.of("flink flink kafka beam"),    // 3
            List.of("kafka kafka beam"),          // 4: batch 1 leaves the window, spark drops to 1
            List.of("beam beam"),                 // 5: spark's count falls to 0
            List.of(),                            // 6: only two words left above zero
            List.of());                           // 7: only beam left

    /** The top 3 over the last three batches, after each batch. */
    static final List<Map<String, Long>> EXPECTED = List.of(
            Map.of("spark", 3L, "flink", 1L),
            Map.of("spark", 4L, "kafka", 2L, "flink", 1L),
            Map.of("spark", 4L, "flink", 3L, "kafka", 3L),
            Map.of("kafka", 5L, "beam", 2L, "flink", 2L),
            Map.of("beam", 4L, "kafka", 3L, "flink", 2L),
            Map.of("beam", 3L, "kafka", 2L),
            Map.of("beam", 2L));

    /**
     * What the window's state holds after each batch: every word with a count above zero in the last three
     * batches, and nothing else. Spark at 0 after batch 5, flink after batch 6 and kafka after batch 7 are gone.
     */
    static final List<Map<String, Long>> WINDOW_STATE = List.of(
            Map.of("spark", 3L, "flink", 1L),
            Map.of("spark", 4L, "kafka", 2L, "flink", 1L),
            Map.of("spark", 4L, "flink", 3L, "kafka", 3L, "beam", 1L),
            Map.of("spark", 1L, "kafka", 5L, "flink", 2L, "beam", 2L),
            Map.of("kafka", 3L, "flink", 2L, "beam", 4L),
            Map.of("kafka", 2L, "beam", 3L),
            Map.of("beam", 2L));

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkForTests.session("lab5");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** The student's method, as the grading calls it. */
    @FunctionalInterface
    interface Trending {
        JavaPairDStream<String, Long> trending(JavaPairDStream<String, Long> batchCounts, Duration batchInterval,
                                               int k);
    }

    /**
     * The grading: the top 3 after every batch, including the batches where words fall out of the window; then
     * the window's state, batch by batch. The state is the stream Spark keeps from one batch to the next for an
     * incremental window (the one it requires to be checkpointed): it must exist, and it must hold only the words
     * still in the window.
     */
    static void grade(Trending trending) {
        Duration batch = Durations.milliseconds(SparkForTests.TEST_BATCH_MS);
        List<List<Map<String, Long>>> outputs = Playback.play(spark, BATCHES, 2, Playback.Checkpoint.BY_GRADING,
                (ssc, lines, sinkIds) -> {
                    JavaPairDStream<String, Long> top = trending.trending(WordPairs.batchCounts(lines), batch, K);
                    List<DStream<?>> state = Playback.statefulStreams(top);
                    if (state.isEmpty()) {
                        throw new AssertionError(NO_WINDOW_STATE);
                    }
                    DStreamOutputs.deliver(top, sinkIds.get(0));
                    DStreamOutputs.deliver(Playback.asWordCounts(state.get(0)), sinkIds.get(1));
                });
        BatchAssertions.assertBatches("top " + K, BATCHES, outputs.get(0), EXPECTED);
        for (int i = 0; i < BATCHES.size(); i++) {
            Map<String, Long> held = new TreeMap<>(outputs.get(1).get(i));
            Map<String, Long> zeros = new TreeMap<>(held);
            zeros.values().removeIf(count -> count != 0);
            if (!zeros.isEmpty()) {
                throw new AssertionError(String.format(ZEROS_IN_STATE, i + 1, zeros, held));
            }
            assertThat(held).as("the window's state after batch %d (input %s): every word counted in the last "
                    + "three batches, with its window count", i + 1, BATCHES.get(i))
                    .isEqualTo(new TreeMap<>(WINDOW_STATE.get(i)));
        }
    }

    static final String NO_WINDOW_STATE = "the window keeps no state from one batch to the next: every batch "
            + "reduces the three batches of its window again from scratch. That is what reduceByKeyAndWindow "
            + "without an inverse function does, and window(...) followed by reduceByKey. The counts come out "
            + "right, but each slide costs the whole window (three batches here, thirty for a 30-batch window). "
            + "The lab asks for the incremental window, whose state is the previous window: each slide adds the "
            + "batch entering it and takes away the batch leaving it (Hint 1).";

    static final String ZEROS_IN_STATE = "the window's state after batch %d still holds words whose window count "
            + "is 0: %s (the whole state: %s). Once a word's last batch has left the window, the inverse function "
            + "leaves it at 0, and the state keeps it until something removes it: every word ever seen stays in "
            + "the state, a memory leak that grows with the vocabulary. Filtering the output hides the zeros from "
            + "the ranking, not from the state: the state itself must drop them (Hint 2).";

    @Test
    void ranksTheWordsOfTheLastThreeBatches() {
        Grading.grade(5, "trending", TrendingWordsExercise.class,
                TrendingWordsExercise::trending, TrendingWordsSolution::trending, Lab5TrendingWordsTest::grade);
    }

    // The wrong attempts that lab5-trending-words.md lists, in its order.

    @Test
    void gradingFailsAWindowWithoutAnInverseFunction() {
        Grading.skipWhenGradingOnlyTheStudent();
        // Right counts, but every slide re-reduces the three batches of the window.
        assertThatThrownBy(() -> grade((batchCounts, batchInterval, k) -> topK(batchCounts
                .reduceByKeyAndWindow(Long::sum, batchInterval.times(3), batchInterval), k)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the window keeps no state from one batch to the next");
    }

    @Test
    void gradingFailsAWindowThenReduceByKey() {
        Grading.skipWhenGradingOnlyTheStudent();
        // The same recomputation, spelled in two steps.
        assertThatThrownBy(() -> grade((batchCounts, batchInterval, k) -> topK(batchCounts
                .window(batchInterval.times(3), batchInterval)
                .reduceByKey(Long::sum), k)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the window keeps no state from one batch to the next");
    }

    @Test
    void gradingFailsWhenWordsAtZeroStayInTheRanking() {
        Grading.skipWhenGradingOnlyTheStudent();
        // No filter at all: (spark, 0) and (flink, 0) fill the ranking once fewer than three words are left.
        assertThatThrownBy(() -> grade((batchCounts, batchInterval, k) -> topK(batchCounts
                .reduceByKeyAndWindow(Long::sum, (total, leaving) -> total - leaving,
                        batchInterval.times(3), batchInterval), k)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("top 3 after batch 6");
    }

    @Test
    void gradingFailsAZeroFilterOnTheOutputInsteadOfTheState() {
        Grading.skipWhenGradingOnlyTheStudent();
        // The ranking is right, but the window's state keeps every word it ever saw, at 0.
        assertThatThrownBy(() -> grade((batchCounts, batchInterval, k) -> topK(batchCounts
                .reduceByKeyAndWindow(Long::sum, (total, leaving) -> total - leaving,
                        batchInterval.times(3), batchInterval)
                .filter(wordCount -> wordCount._2() > 0), k)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the window's state after batch 5 still holds words whose window count is 0")
                .hasMessageContaining("{spark=0}");
    }

    /** The reference solution's ranking step, so that each wrong attempt differs only in its window. */
    private static JavaPairDStream<String, Long> topK(JavaPairDStream<String, Long> windowCounts, int k) {
        return windowCounts.transformToPair(rdd -> JavaSparkContext.fromSparkContext(rdd.context())
                .parallelizePairs(rdd.takeOrdered(k, new TrendingWordsSolution.ByCountThenWord())));
    }
}
