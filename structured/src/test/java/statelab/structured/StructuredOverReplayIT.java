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
 * The word count on the replay source: the load generator plays the chapter's timeline and the query reads it
 * one line per micro-batch ({@code maxLinesPerTrigger} 1: however slow a micro-batch is, the next one holds only
 * the next line, so the chapter's seconds come out as batches of their own on any machine). Started again on its
 * checkpoint, the query resumes from its offsets and state, and the ledger counts each line once.
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

    /**
     * Starts the word count on the replay source (at most {@code maxLinesPerTrigger} lines per micro-batch; 0: all
     * that is due); every micro-batch's complete totals go to {@code outputs}.
     */
    private static StreamingQuery start(int port, Path checkpoint, Trigger trigger, long maxLinesPerTrigger,
                                        List<Map<String, Long>> outputs) throws Exception {
        return start(port, checkpoint, trigger, maxLinesPerTrigger, 0, outputs);
    }

    /** As above; the first micro-batch takes {@code firstBatchExtraMs} longer (a slow machine, a busy one). */
    private static StreamingQuery start(int port, Path checkpoint, Trigger trigger, long maxLinesPerTrigger,
                                        long firstBatchExtraMs, List<Map<String, Long>> outputs) throws Exception {
        Dataset<String> lines = spark.readStream().format(ReplaySource.SHORT_NAME)
                .option("port", port).option("partitions", 2).option("maxLinesPerTrigger", maxLinesPerTrigger).load()
                .as(Encoders.STRING());
        return StructuredWordCount.counts(lines).writeStream()
                .outputMode("complete")
                .trigger(trigger)
                .option("checkpointLocation", checkpoint.toString())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
                    if (id == 0 && firstBatchExtraMs > 0) {
                        Thread.sleep(firstBatchExtraMs);
                    }
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
        StreamingQuery query = start(port, checkpoint, Trigger.AvailableNow(), 0, outputs);
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
            // One line per micro-batch: seconds 1, 2 and 4 of the chapter are micro-batches of their own even when
            // the first micro-batch takes longer than the seconds between them (here 4 s longer than it would).
            List<Map<String, Long>> totals = new ArrayList<>();
            StreamingQuery query = start(generator.port(), checkpoint, Trigger.ProcessingTime(100), 1, 4_000,
                    totals);
            try {
                long deadline = System.currentTimeMillis() + 120_000;
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
