package statelab.exercises.lab7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
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
import statelab.solutions.lab7.ArbitraryStateSolution;

class Lab7ArbitraryStateTest {

    /** Event times are written as seconds after T0 (lab 4's T0). */
    static final long T0 = 1_700_000_000_000L;

    /**
     * One micro-batch of rows per entry, each line {@code "<seconds after T0> word word ..."}. A word's timeout is
     * its latest event time + 10 s; it fires once the watermark (latest event time so far - 5 s) is later than
     * that, so a word last seen at L leaves in the batch whose rows bring the latest event time past L + 15 s.
     */
    static final List<List<String>> BATCHES = List.of(
            List.of("1 red red blue"),   // 1
            List.of("4 red", "9 blue"),  // 2: red's timeout 14 s, blue's 19 s
            List.of("17 blue"),          // 3: watermark 12 s, red (14 s) stays
            List.of("20 blue"),          // 4: watermark 15 s, red times out with 3
            List.of("22 red"),           // 5: red is back, counted from zero (timeout 32 s)
            List.of("37 green"),         // 6: watermark 32 s: blue (30 s) times out with 4; red (32 s) stays
            List.of("38 green"));        // 7: watermark 33 s: red times out with 1

    /** What the query emits, sorted: new totals of the batch's words, final totals of the words timing out. */
    static final List<List<String>> EMITTED = List.of(
            List.of("blue=1", "red=2"),
            List.of("blue=2", "red=3"),
            List.of("blue=3"),
            List.of("blue=4", "red=3"),
            List.of("red=1"),
            List.of("blue=4", "green=1"),
            List.of("green=2", "red=1"));

    /** How many words the state holds after each batch (the state operator's numRowsTotal). */
    static final List<Long> STATE_ROWS = List.of(2L, 2L, 2L, 1L, 2L, 2L, 1L);

    /** The update function's type, named so that method references and lambdas can target it. */
    interface UpdateTotal extends FlatMapGroupsWithStateFunction<String, Row, Long, Tuple2<String, Long>> {
    }

    /** The pipeline's type: {@code trackWords(words, updateTotal)}. */
    interface TrackWords {
        Dataset<Tuple2<String, Long>> apply(
                Dataset<Row> words, FlatMapGroupsWithStateFunction<String, Row, Long, Tuple2<String, Long>> update);
    }

    /** What a student writes: the pipeline and the update function, graded together. */
    record Attempt(TrackWords trackWords, UpdateTotal updateTotal) {
    }

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkForTests.session("lab7");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /**
     * The grading: plays the batches through a memory stream in update mode and checks, after each one, what the
     * query emitted and how many words its state holds.
     */
    static void grade(TrackWords trackWords, UpdateTotal updateTotal) {
        // A handful of words: one state partition saves half the tasks of every micro-batch.
        spark.conf().set("spark.sql.shuffle.partitions", "1");
        MemoryStream<Tuple2<Timestamp, String>> input = new MemoryStream<>(1, spark.sqlContext(), Option.empty(),
                Encoders.tuple(Encoders.TIMESTAMP(), Encoders.STRING()));
        Dataset<Tuple2<String, Long>> totals = trackWords.apply(input.toDS().toDF("eventTime", "word"), updateTotal);
        List<String> emitted = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery query;
        try {
            query = totals.writeStream()
                    .outputMode("update")
                    .option("checkpointLocation", SparkForTests.tempDir("lab7-").toString())
                    .foreachBatch((VoidFunction2<Dataset<Tuple2<String, Long>>, Long>) (batch, id) -> {
                        for (Tuple2<String, Long> pair : batch.collectAsList()) {
                            emitted.add(pair._1() + "=" + pair._2());
                        }
                    })
                    .start();
        } catch (Exception e) {
            String reason = ConsoleRun.rootMessage(e).lines().findFirst().orElse(""); // Spark appends the plan
            throw new AssertionError("the query did not start: " + reason
                    + (reason.contains("Watermark must be specified") ? TIMEOUT_NEEDS_A_WATERMARK : ""), e);
        }
        try {
            for (int i = 0; i < BATCHES.size(); i++) {
                emitted.clear();
                input.addData(JavaConverters.asScalaBuffer(rows(BATCHES.get(i))).toSeq());
                try {
                    // Also runs the micro-batch without data that a moved watermark calls for: the timeouts.
                    query.processAllAvailable();
                } catch (Exception e) {
                    String reason = ConsoleRun.rootMessage(e);
                    throw new AssertionError("the query failed in batch " + (i + 1) + ": " + reason
                            + (reason.contains("without enabling event time timeout") ? TIMEOUT_NOT_ENABLED : ""), e);
                }
                List<String> sorted = new ArrayList<>(emitted);
                Collections.sort(sorted);
                assertThat(sorted)
                        .as("emitted after batch %d (input %s): (word, new total) for the batch's words, "
                                + "(word, final total), once, for the words timing out", i + 1, BATCHES.get(i))
                        .isEqualTo(EMITTED.get(i));
                assertThat(stateRows(query.lastProgress()))
                        .as("state rows after batch %d (input %s): the words flatMapGroupsWithState keeps for the "
                                + "next batch (numRowsTotal)", i + 1, BATCHES.get(i))
                        .isEqualTo(STATE_ROWS.get(i));
            }
        } finally {
            try {
                query.stop();
            } catch (Exception e) {
                // stopping a failed query can fail too; the failure above is the one that matters
            }
        }
    }

    static final String TIMEOUT_NEEDS_A_WATERMARK = System.lineSeparator() + "An event-time timeout fires when "
            + "the watermark passes it: without a watermark on the words' event time (withWatermark before "
            + "groupByKey) no timeout could ever fire, so Spark refuses the query (Hint 1).";

    static final String TIMEOUT_NOT_ENABLED = System.lineSeparator() + "setTimeoutTimestamp needs the query to "
            + "be built with GroupStateTimeout.EventTimeTimeout(): the timeout is part of flatMapGroupsWithState's "
            + "arguments, and without it Spark keeps no timeouts at all (Hint 1).";

    /** How many rows the query's state operator holds after its latest micro-batch. */
    private static long stateRows(StreamingQueryProgress progress) {
        StateOperatorProgress[] operators = progress == null ? new StateOperatorProgress[0] : progress.stateOperators();
        assertThat(operators).as("state operators of the query (flatMapGroupsWithState keeps one)").isNotEmpty();
        return operators[0].numRowsTotal();
    }

    @Test
    void idleWordsLeaveTheStateWithTheirFinalCount() {
        Grading.grade(7, "trackWords and updateTotal", ArbitraryStateExercise.class,
                new Attempt(ArbitraryStateExercise::trackWords, ArbitraryStateExercise::updateTotal),
                new Attempt(ArbitraryStateSolution::trackWords, ArbitraryStateSolution::updateTotal),
                attempt -> grade(attempt.trackWords(), attempt.updateTotal()));
    }

    // The wrong attempts that lab7-arbitrary-state.md lists, in its order.

    @Test
    void gradingFailsAFunctionThatForgetsThePreviousTotal() {
        Grading.skipWhenGradingOnlyTheStudent();
        // Counts only the batch's rows: right in batch 1, then red and blue start over at 1.
        assertThatThrownBy(() -> grade(ArbitraryStateSolution::trackWords, Lab7ArbitraryStateTest::forgetsTotal))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("emitted after batch 2");
    }

    @Test
    void gradingFailsAFunctionThatNeverRemovesTheState() {
        Grading.skipWhenGradingOnlyTheStudent();
        // Emits red's final count in batch 4 as it should, but red stays in the state, forever: the output alone
        // looks right, the state keeps growing.
        assertThatThrownBy(() -> grade(ArbitraryStateSolution::trackWords, Lab7ArbitraryStateTest::keepsTimedOut))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("state rows after batch 4");
    }

    @Test
    void gradingFailsAFunctionThatRemovesWithoutEmitting() {
        Grading.skipWhenGradingOnlyTheStudent();
        // The state is right, but red leaves in batch 4 without its final count.
        assertThatThrownBy(() -> grade(ArbitraryStateSolution::trackWords, Lab7ArbitraryStateTest::leavesSilently))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("emitted after batch 4");
    }

    @Test
    void gradingFailsAPipelineWithoutATimeout() {
        Grading.skipWhenGradingOnlyTheStudent();
        // NoTimeout: Spark refuses the function's setTimeoutTimestamp, and the first batch fails.
        assertThatThrownBy(() -> grade((words, update) -> words
                .withWatermark("eventTime", ArbitraryStateExercise.WATERMARK_DELAY)
                .groupByKey((MapFunction<Row, String>) row -> row.getAs("word"), Encoders.STRING())
                .flatMapGroupsWithState(update, OutputMode.Update(), Encoders.LONG(),
                        Encoders.tuple(Encoders.STRING(), Encoders.LONG()), GroupStateTimeout.NoTimeout()),
                ArbitraryStateSolution::updateTotal))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cannot set timeout timestamp without enabling event time timeout");
    }

    @Test
    void gradingFailsAnEventTimeTimeoutWithoutAWatermark() {
        Grading.skipWhenGradingOnlyTheStudent();
        // Without a watermark an event-time timeout could never fire: Spark refuses to start the query.
        assertThatThrownBy(() -> grade((words, update) -> words
                .groupByKey((MapFunction<Row, String>) row -> row.getAs("word"), Encoders.STRING())
                .flatMapGroupsWithState(update, OutputMode.Update(), Encoders.LONG(),
                        Encoders.tuple(Encoders.STRING(), Encoders.LONG()), GroupStateTimeout.EventTimeTimeout()),
                ArbitraryStateSolution::updateTotal))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the query did not start")
                .hasMessageContaining("Watermark must be specified");
    }

    private static Iterator<Tuple2<String, Long>> forgetsTotal(String word, Iterator<Row> rows,
                                                               GroupState<Long> total) {
        if (total.hasTimedOut()) {
            long last = total.get();
            total.remove();
            return List.of(new Tuple2<>(word, last)).iterator();
        }
        long sum = 0L;
        long latest = Long.MIN_VALUE;
        while (rows.hasNext()) {
            sum++;
            latest = Math.max(latest, rows.next().<Timestamp>getAs("eventTime").getTime());
        }
        total.update(sum);
        total.setTimeoutTimestamp(latest + ArbitraryStateExercise.IDLE_TIMEOUT_MS);
        return List.of(new Tuple2<>(word, sum)).iterator();
    }

    private static Iterator<Tuple2<String, Long>> keepsTimedOut(String word, Iterator<Row> rows,
                                                                GroupState<Long> total) {
        if (total.hasTimedOut()) {
            return List.of(new Tuple2<>(word, total.get())).iterator(); // no total.remove()
        }
        return ArbitraryStateSolution.updateTotal(word, rows, total);
    }

    private static Iterator<Tuple2<String, Long>> leavesSilently(String word, Iterator<Row> rows,
                                                                 GroupState<Long> total) {
        if (total.hasTimedOut()) {
            total.remove();
            return Collections.emptyIterator();
        }
        return ArbitraryStateSolution.updateTotal(word, rows, total);
    }

    /** {@code "4 red blue"} to (T0 + 4 s, red), (T0 + 4 s, blue). */
    private static List<Tuple2<Timestamp, String>> rows(List<String> lines) {
        List<Tuple2<Timestamp, String>> rows = new ArrayList<>();
        for (String line : lines) {
            List<String> tokens = Tokenizer.wordList(line);
            Timestamp eventTime = new Timestamp(T0 + Long.parseLong(tokens.get(0)) * 1000L);
            for (String word : tokens.subList(1, tokens.size())) {
                rows.add(new Tuple2<>(eventTime, word));
            }
        }
        return rows;
    }
}
