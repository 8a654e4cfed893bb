package statelab.exercises.lab5;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.core.DStreamOutputs;
import statelab.core.WordPairs;
import statelab.core.testing.SparkForTests;
import statelab.exercises.testing.BatchAssertions;
import statelab.exercises.testing.Grading;
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

    /** The grading: the top 3 after every batch, including the batches where words fall out of the window. */
    static void grade(Trending trending) {
        Duration batch = Durations.milliseconds(SparkForTests.TEST_BATCH_MS);
        List<Map<String, Long>> outputs = SparkForTests.playBatches(spark, BATCHES, (ssc, lines, sinkId) ->
                DStreamOutputs.deliver(trending.trending(WordPairs.batchCounts(lines), batch, K), sinkId));
        BatchAssertions.assertBatches("top " + K, BATCHES, outputs, EXPECTED);
    }

    @Test
    void ranksTheWordsOfTheLastThreeBatches() {
        Grading.grade(5, "trending", TrendingWordsExercise.class,
                TrendingWordsExercise::trending, TrendingWordsSolution::trending, Lab5TrendingWordsTest::grade);
    }

    @Test
    void gradingFailsWhenWordsAtZeroStayInTheRanking() {
        Grading.skipWhenGradingOnlyTheStudent();
        assertThatThrownBy(() -> grade((batchCounts, batchInterval, k) -> batchCounts
                .reduceByKeyAndWindow(Long::sum, (total, leaving) -> total - leaving,
                        batchInterval.times(3), batchInterval) // no filter: (spark, 0) lingers
                .transformToPair(rdd -> JavaSparkContext.fromSparkContext(rdd.context())
                        .parallelizePairs(rdd.takeOrdered(k, new TrendingWordsSolution.ByCountThenWord())))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("top 3 after batch 6");
    }
}
