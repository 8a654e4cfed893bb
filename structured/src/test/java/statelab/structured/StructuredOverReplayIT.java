package statelab.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.core.ReplaySource;
import statelab.core.testing.ChapterTimeline;
import statelab.core.testing.SparkForTests;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;
import statelab.loadgen.Script;

/**
 * The word count on the replay source: the load generator plays the chapter's timeline and the query is
 * started on the same checkpoint each time a script line has become due (Trigger.AvailableNow: it reads what
 * is due, then stops). Every start resumes from the checkpoint's offsets and state, so the outputs are exactly
 * the chapter's totals, and the ledger counts each line once.
 */
class StructuredOverReplayIT {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkForTests.session("structured-replay-test");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** Starts the word count on the replay source; every micro-batch's complete totals go to {@code outputs}. */
    private static StreamingQuery start(int port, Path checkpoint, Trigger trigger, List<Map<String, Long>> outputs)
            throws Exception {
        return start(port, checkpoint, trigger, 0, outputs);
    }

    /** As above, each micro-batch reading at most {@code maxLines} lines (0: all that are due). */
    private static StreamingQuery start(int port, Path checkpoint, Trigger trigger, long maxLines,
                                        List<Map<String, Long>> outputs) throws Exception {
        Dataset<String> lines = spark.readStream().format(ReplaySource.SHORT_NAME)
                .option("port", port).option("partitions", 2).option("maxLinesPerBatch", maxLines).load()
                .as(Encoders.STRING());
        return StructuredWordCount.counts(lines).writeStream()
                .outputMode("complete")
                .trigger(trigger)
                .option("checkpointLocation", checkpoint.toString())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
                    Map<String, Long> counts = new TreeMap<>();
                    batch.collectAsList().forEach(row -> counts.put(row.getString(0), row.getLong(1)));
                    synchronized (outputs) {
                        outputs.add(counts);
                    }
                })
                .start();
    }

    /** Reads what is due once (Trigger.AvailableNow) on the checkpoint; returns the outputs. */
    private static List<Map<String, Long>> runOnce(int port, Path checkpoint) throws Exception {
        List<Map<String, Long>> outputs = new ArrayList<>();
        StreamingQuery query = start(port, checkpoint, Trigger.AvailableNow(), outputs);
        try {
            assertThat(query.awaitTermination(90_000)).isTrue();
        } finally {
            query.stop();
        }
        return outputs;
    }

    private static long committedBatchesWithInput(StreamingQuery query) {
        return java.util.Arrays.stream(query.recentProgress()).filter(p -> p.numInputRows() > 0).count();
    }

    @Test
    void theChaptersTotalsComeOutExactlyAndEachLineIsCountedOnce() throws Exception {
        Path checkpoint = SparkForTests.tempDir("replay-chapter-");
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0).script(Script.chapter()).build();
        try (LoadGenerator generator = LoadGenerator.start(config)) {
            // Each of the chapter's seconds 1, 2 and 4 is one line: a micro-batch of at most one line reads each on
            // its own, however slow the machine runs the query (a late batch cannot hold two seconds).
            List<Map<String, Long>> totals = new ArrayList<>();
            StreamingQuery query = start(generator.port(), checkpoint, Trigger.ProcessingTime(100), 1, totals);
            try {
                long deadline = System.currentTimeMillis() + 120_000; // a bound for a loaded machine, not a figure
                // Wait for the third batch's progress too: it is reported after the batch is committed, and a
                // batch stopped between its output and its commit would rightly run again on the restart.
                while ((totals.size() < 3 || committedBatchesWithInput(query) < 3)
                        && System.currentTimeMillis() < deadline && query.isActive()) {
                    Thread.sleep(50);
                }
            } finally {
                query.stop();
            }
            // Seconds 1, 2 and 4 of the chapter (second 3 has no line, so no batch).
            assertThat(totals).containsExactly(ChapterTimeline.RUNNING_TOTALS.get(0),
                    ChapterTimeline.RUNNING_TOTALS.get(1), ChapterTimeline.RUNNING_TOTALS.get(3));
            assertThat(generator.awaitStreamsDone(Duration.ofSeconds(5))).isTrue();

            // Started again on its checkpoint, the query finds nothing new: no line is read or counted twice.
            assertThat(runOnce(generator.port(), checkpoint)).isEmpty();
            assertThat(generator.ledger().counts()).isEqualTo(ChapterTimeline.RUNNING_TOTALS.get(3));
            assertThat(generator.ledger().totalLines()).isEqualTo(3);
            assertThat(generator.status().replay().linesServedAgain()).isZero();
        }
    }

    @Test
    void aCheckpointOfAnotherStreamIsRefused() throws Exception {
        Path checkpoint = SparkForTests.tempDir("replay-other-");
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0).rateLinesPerSec(100).build();
        try (LoadGenerator first = LoadGenerator.start(config)) {
            assertThat(runOnce(first.port(), checkpoint)).hasSize(1);
        }
        Thread.sleep(5); // a stream is identified by its workload and its start time (ms)
        try (LoadGenerator restarted = LoadGenerator.start(config)) {
            assertThatThrownBy(() -> runOnce(restarted.port(), checkpoint))
                    .isInstanceOf(StreamingQueryException.class)
                    .hasMessageContaining("the checkpoint read replay stream")
                    .hasMessageContaining("use another checkpoint directory or --fresh");
        }
    }
}
