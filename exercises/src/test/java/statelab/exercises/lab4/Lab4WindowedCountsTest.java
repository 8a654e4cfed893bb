package statelab.exercises.lab4;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import statelab.core.ConsoleRun;
import statelab.core.Tokenizer;
import statelab.core.testing.SparkForTests;
import statelab.exercises.testing.Grading;
import statelab.solutions.lab4.WindowedCountsSolution;

class Lab4WindowedCountsTest {

    /** Event times are seconds after T0, a multiple of 10 s, so windows start at T0, T0 + 10 s, ... */
    static final long T0 = 1_700_000_000_000L;

    /**
     * One micro-batch per entry. The watermark a batch uses is the latest event time of the batches before it,
     * minus 5 s.
     */
    static final List<List<String>> BATCHES = List.of(
            // No watermark yet: everything is on time.
            List.of(at(1, "apple banana"), at(4, "apple"), at(12, "apple")),
            // Watermark 12 - 5 = 7 s: the apple at 8 s and the banana at 9 s come late, but their window
            // [0 s, 10 s) ends after 7 s, so they still count.
            List.of(at(8, "apple"), at(9, "banana"), at(21, "cherry")),
            // Watermark 21 - 5 = 16 s: [0 s, 10 s) has closed, the banana at 3 s is dropped. The apple at 14 s
            // is behind the watermark too, but its window [10 s, 20 s) is still open: it counts.
            List.of(at(3, "banana"), at(14, "apple"), at(15, "apple"), at(26, "cherry")),
            // Moves the watermark to 55 s, which closes the remaining windows.
            List.of(at(60, "later")));

    /** Every (window, word) row appended, once, with its final count; "later"'s window is still open. */
    static final Map<String, Long> EXPECTED = Map.of(
            "[0s,10s) apple", 3L,
            "[0s,10s) banana", 2L,
            "[10s,20s) apple", 3L,
            "[20s,30s) cherry", 2L);

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkForTests.session("lab4");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /**
     * The grading: plays the batches through a memory stream in append mode, where a (window, word) row is
     * written once, when the watermark has passed the window's end, and compares all rows written.
     */
    static void grade(Function<Dataset<String>, Dataset<Row>> windowedCounts) {
        // A handful of rows: one state partition saves half the tasks of every micro-batch.
        spark.conf().set("spark.sql.shuffle.partitions", "1");
        MemoryStream<String> input = new MemoryStream<>(1, spark.sqlContext(), Option.empty(), Encoders.STRING());
        Dataset<Row> counts = windowedCounts.apply(input.toDS());
        List<String> appended = new ArrayList<>();
        Map<String, Long> rows = new TreeMap<>();
        StreamingQuery query;
        try {
            query = counts.writeStream()
                    .outputMode("append")
                    .option("checkpointLocation", SparkForTests.tempDir("lab4-").toString())
                    .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
                        for (Row row : batch.select(col("window.start"), col("word"), col("count")).collectAsList()) {
                            String key = windowName(row.getTimestamp(0)) + " " + row.getString(1);
                            appended.add(key);
                            rows.put(key, row.getLong(2));
                        }
                    })
                    .start();
        } catch (Exception e) {
            String reason = ConsoleRun.rootMessage(e).lines().findFirst().orElse(""); // Spark appends the plan
            throw new AssertionError("the query did not start: " + reason
                    + (reason.contains("Append output mode not supported") ? APPEND_NEEDS_A_WATERMARK : ""), e);
        }
        try {
            for (List<String> lines : BATCHES) {
                input.addData(JavaConverters.asScalaBuffer(lines).toSeq());
                query.processAllAvailable(); // also runs the no-data batch that a watermark change calls for
            }
        } catch (Exception e) {
            throw new AssertionError("the query failed: " + ConsoleRun.rootMessage(e), e);
        } finally {
            try {
                query.stop();
            } catch (Exception e) {
                // stopping a failed query can fail too; the failure above is the one that matters
            }
        }
        assertThat(appended).as("rows appended (each (window, word) once, when its window closes)")
                .doesNotHaveDuplicates();
        assertThat(rows).as("final counts per window and word (a row is dropped when its window had already "
                + "ended at the watermark, the latest event time seen minus 5 s)").isEqualTo(new TreeMap<>(EXPECTED));
    }

    static final String APPEND_NEEDS_A_WATERMARK = System.lineSeparator() + "Append mode writes a window's row "
            + "once, when no more data can change it. Spark can only know that from a watermark on the very column "
            + "the windows are made of: without one, a window could always receive more data, its state would be "
            + "kept forever, and its row never written (Hints 2 and 3).";

    @Test
    void countsOnTimeDataAndDropsDataBeyondTheWatermark() {
        Grading.grade(4, "windowedCounts", WindowedCountsExercise.class,
                WindowedCountsExercise::windowedCounts, WindowedCountsSolution::windowedCounts,
                Lab4WindowedCountsTest::grade);
    }

    // The wrong attempts that lab4-event-time-windows.md lists, in its order.

    @Test
    void gradingFailsAWatermarkThatKeepsTooMuch() {
        Grading.skipWhenGradingOnlyTheStudent();
        // A 20 s watermark still accepts the banana 3 s after T0, and keeps [20 s, 30 s) open at the end.
        assertThatThrownBy(() -> grade(lines -> lines
                .flatMap((FlatMapFunction<String, Tuple2<Timestamp, String>>) Lab4WindowedCountsTest::timedWords,
                        Encoders.tuple(Encoders.TIMESTAMP(), Encoders.STRING()))
                .toDF("eventTime", "word")
                .withWatermark("eventTime", "20 seconds")
                .groupBy(window(col("eventTime"), "10 seconds"), col("word"))
                .count()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("final counts");
    }

    @Test
    void gradingFailsCountsWithoutAWatermark() {
        Grading.skipWhenGradingOnlyTheStudent();
        // Without a watermark a window never closes, so append mode refuses the query.
        assertThatThrownBy(() -> grade(lines -> lines
                .flatMap((FlatMapFunction<String, Tuple2<Timestamp, String>>) Lab4WindowedCountsTest::timedWords,
                        Encoders.tuple(Encoders.TIMESTAMP(), Encoders.STRING()))
                .toDF("eventTime", "word")
                .groupBy(window(col("eventTime"), "10 seconds"), col("word"))
                .count()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not start");
    }

    @Test
    void gradingFailsWindowsOfArrivalTime() {
        Grading.skipWhenGradingOnlyTheStudent();
        // Windows of when Spark saw the words (the chapter's processing time), with the watermark still on the
        // event time: the watermark does not bound these windows, so append mode refuses the query.
        assertThatThrownBy(() -> grade(lines -> lines
                .flatMap((FlatMapFunction<String, Tuple2<Timestamp, String>>) Lab4WindowedCountsTest::timedWords,
                        Encoders.tuple(Encoders.TIMESTAMP(), Encoders.STRING()))
                .toDF("eventTime", "word")
                .withWatermark("eventTime", "5 seconds")
                .groupBy(window(current_timestamp(), "10 seconds"), col("word"))
                .count()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not start");
    }

    /** A line of words that happened {@code seconds} after T0. */
    private static String at(int seconds, String words) {
        return (T0 + seconds * 1000L) + " " + words;
    }

    private static String windowName(Timestamp start) {
        long from = (start.getTime() - T0) / 1000;
        return "[" + from + "s," + (from + 10) + "s)";
    }

    private static java.util.Iterator<Tuple2<Timestamp, String>> timedWords(String line) {
        List<String> tokens = Tokenizer.wordList(line);
        List<Tuple2<Timestamp, String>> words = new ArrayList<>();
        for (String word : tokens.subList(1, tokens.size())) {
            words.add(new Tuple2<>(new Timestamp(Long.parseLong(tokens.get(0))), word));
        }
        return words.iterator();
    }
}
