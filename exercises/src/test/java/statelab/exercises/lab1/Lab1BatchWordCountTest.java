package statelab.exercises.lab1;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import statelab.core.DStreamOutputs;
import statelab.core.testing.ChapterTimeline;
import statelab.core.testing.SparkForTests;
import statelab.exercises.testing.BatchAssertions;
import statelab.exercises.testing.Grading;
import statelab.solutions.lab1.BatchWordCountSolution;

class Lab1BatchWordCountTest {

    /** The chapter's four seconds, then a batch of awkward lines. */
    static final List<List<String>> BATCHES = withMessyBatch(ChapterTimeline.BATCHES, List.of(
            "  blue\t\tgreen   ",          // runs of spaces and tabs around and between words
            "",                            // an empty line
            "   ",                         // a line of spaces only
            "蓝色\u3000绿色 蓝色",            // Chinese words, split by an ideographic space (U+3000) and a space
            "red\u00A0red"));              // a no-break space (U+00A0) separates words too

    static final List<Map<String, Long>> EXPECTED = withMessyBatch(ChapterTimeline.STATELESS_OUTPUTS,
            Map.of("blue", 1L, "green", 1L, "蓝色", 2L, "绿色", 1L, "red", 2L));

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkForTests.session("lab1");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** The grading: each batch's counts, and only that batch's, for the chapter's input and the awkward lines. */
    static void grade(Function<JavaDStream<String>, JavaPairDStream<String, Long>> countWords) {
        List<Map<String, Long>> outputs = SparkForTests.playBatches(spark, BATCHES,
                (ssc, lines, sinkId) -> DStreamOutputs.deliver(countWords.apply(lines), sinkId));
        BatchAssertions.assertBatches("counts", BATCHES, outputs, EXPECTED);
    }

    @Test
    void countsEachBatchOnItsOwn() {
        Grading.grade(1, "countWords", BatchWordCountExercise.class,
                BatchWordCountExercise::countWords, BatchWordCountSolution::countWords, Lab1BatchWordCountTest::grade);
    }

    // The wrong attempts that lab1-batch-word-count.md lists, in its order.

    @Test
    void gradingFailsASplitOnSingleSpaces() {
        Grading.skipWhenGradingOnlyTheStudent();
        // The usual first attempt: empty words from runs of spaces, Unicode spaces not splitting at all.
        assertThatThrownBy(() -> grade(lines -> lines
                .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                .mapToPair(word -> new Tuple2<>(word, 1L))
                .reduceByKey(Long::sum)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("counts after batch 5");
    }

    @Test
    void gradingFailsASplitOnWhiteSpaceRuns() {
        Grading.skipWhenGradingOnlyTheStudent();
        // Better, but a line that starts with white space still gives an empty first word, and U+3000 and U+00A0
        // are not white space to the regular expression \s.
        assertThatThrownBy(() -> grade(lines -> lines
                .flatMap(line -> Arrays.asList(line.split("\\s+")).iterator())
                .mapToPair(word -> new Tuple2<>(word, 1L))
                .reduceByKey(Long::sum)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("counts after batch 5");
    }

    private static <T> List<T> withMessyBatch(List<T> chapter, T messy) {
        List<T> all = new ArrayList<>(chapter);
        all.add(messy);
        return List.copyOf(all);
    }
}
