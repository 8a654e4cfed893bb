package statelab.structured;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scala.Option;
import scala.collection.JavaConverters;
import statelab.core.BatchMetrics;
import statelab.core.ReplaySource;
import statelab.core.RunSpec;
import statelab.core.SparkSettings;
import statelab.core.StructuredMetricsListener;
import statelab.core.testing.ChapterTimeline;
import statelab.core.testing.SparkForTests;
import statelab.loadgen.LedgerSnapshot;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;

/**
 * flatMapGroupsWithState's running totals: the chapter's timeline, a replay run (stopped and restarted on its
 * checkpoint half-way) against the load generator's ledger, the idle timeout, and the state keys the lab's
 * metrics listener reports from the state operator's progress.
 */
class StructuredArbitraryWordCountIT {

    private static final long TRIGGER_MS = 200;
    private static final long MAX_LINES_PER_TRIGGER = 200;
    private static final long TIMEOUT_MS = 90_000;
    private static SparkSession spark;

    private final List<Map<String, Long>> outputs = new ArrayList<>();
    private final List<BatchMetrics> metrics = new ArrayList<>();
    private final List<StructuredMetricsListener> listeners = new ArrayList<>();

    @BeforeAll
    static void startSpark() {
        spark = SparkForTests.session("structured-arbitrary-test");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @AfterEach
    void removeListeners() {
        listeners.forEach(listener -> spark.streams().removeListener(listener));
    }

    private static void useStateStore(String store) {
        spark.conf().set("spark.sql.streaming.stateStore.providerClass", store.equals("rocksdb")
                ? SparkSettings.ROCKSDB_PROVIDER
                : "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider");
    }

    /**
     * Starts the variant's pipeline on {@code lines} with the given trigger; every micro-batch's rows go to
     * {@link #outputs}, and its metrics, as the lab's listener reports them, to {@link #metrics}.
     */
    private StreamingQuery start(Dataset<String> lines, long idleTimeoutMs, Trigger trigger, Path checkpoint)
            throws Exception {
        String queryName = "structured_arbitrary_test_" + System.nanoTime();
        StructuredMetricsListener listener = new StructuredMetricsListener(queryName,
                RunSpec.builder(queryName).batchMs(TRIGGER_MS).listener(m -> {
                    synchronized (metrics) {
                        metrics.add(m);
                    }
                }).build());
        spark.streams().addListener(listener);
        listeners.add(listener);
        return StructuredArbitraryWordCount.totals(lines, idleTimeoutMs).writeStream()
                .queryName(queryName)
                .outputMode("update")
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

    private List<Map<String, Long>> outputs() {
        synchronized (outputs) {
            return List.copyOf(outputs);
        }
    }

    private List<BatchMetrics> metrics() {
        synchronized (metrics) {
            return List.copyOf(metrics);
        }
    }

    /** Each word's latest output: its running total, since a micro-batch outputs the totals that changed. */
    private Map<String, Long> latestTotals() {
        Map<String, Long> totals = new TreeMap<>();
        outputs().forEach(totals::putAll);
        return totals;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static void waitAtMost(long ms, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    private static MemoryStream<String> memoryStream() {
        return new MemoryStream<>(1, spark.sqlContext(), Option.empty(), Encoders.STRING());
    }

    private static void add(MemoryStream<String> input, String... lines) {
        input.addData(JavaConverters.asScalaBuffer(List.of(lines)).toSeq());
    }

    @ParameterizedTest(name = "{0} state store")
    @CsvSource({"hdfs", "rocksdb"})
    void theChaptersTimelineGivesTheChaptersTotals(String stateStore) throws Exception {
        useStateStore(stateStore);
        MemoryStream<String> input = memoryStream();
        StreamingQuery query = start(input.toDS(), 0, Trigger.ProcessingTime(TRIGGER_MS),
                SparkForTests.tempDir("arbitrary-chapter-"));
        List<Map<String, Long>> totals = new ArrayList<>();
        try {
            for (List<String> lines : ChapterTimeline.BATCHES) {
                if (!lines.isEmpty()) { // an empty second runs no micro-batch
                    add(input, lines.toArray(String[]::new));
                    query.processAllAvailable();
                    totals.add(latestTotals());
                }
            }
            await(() -> metrics().stream().filter(m -> m.inputLines() > 0).count() >= 3,
                    "the progress of 3 micro-batches");
        } finally {
            query.stop();
        }

        // Each micro-batch outputs the totals it changed; together they are the chapter's running totals.
        assertThat(outputs()).containsExactly(Map.of("blue", 5L, "green", 3L), Map.of("gohawks", 1L),
                Map.of("green", 5L));
        assertThat(totals).containsExactly(ChapterTimeline.RUNNING_TOTALS.get(0),
                ChapterTimeline.RUNNING_TOTALS.get(1), ChapterTimeline.RUNNING_TOTALS.get(3));
        // The state holds one row per distinct word so far, as the state operator reports it.
        List<BatchMetrics> withInput = metrics().stream().filter(m -> m.inputLines() > 0).toList();
        assertThat(withInput).extracting(BatchMetrics::stateKeys).containsExactly(2L, 3L, 3L);
        assertThat(withInput).allSatisfy(m -> assertThat(m.stateBytes()).isPositive());
    }

    @Test
    void aReplayRunRestartedOnItsCheckpointCountsWhatTheLedgerSent() throws Exception {
        useStateStore("hdfs");
        Path checkpoint = SparkForTests.tempDir("arbitrary-replay-");
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0).rateLinesPerSec(500).wordsPerLine(10)
                .keys(300).seed(7).duration(Duration.ofSeconds(6)).build();
        try (LoadGenerator generator = LoadGenerator.start(config)) {
            // At most 200 lines a micro-batch (1,000 a second, twice the rate): however slow the query is to
            // start, it stops with most of the stream still to come.
            Dataset<String> lines = spark.readStream().format(ReplaySource.SHORT_NAME)
                    .option("port", generator.port()).option("partitions", 2)
                    .option("maxLinesPerTrigger", MAX_LINES_PER_TRIGGER).load().as(Encoders.STRING());
            StreamingQuery first = start(lines, 0, Trigger.ProcessingTime(TRIGGER_MS), checkpoint);
            try {
                await(() -> metrics().stream().mapToLong(BatchMetrics::inputLines).sum() >= 1_000,
                        "1,000 lines counted before the restart");
            } finally {
                first.stop();
            }
            int batchesBeforeRestart = metrics().size();
            // Started again on its checkpoint, the query resumes from its offsets with its state: the totals it
            // outputs go on from those before the restart.
            StreamingQuery second = start(lines, 0, Trigger.ProcessingTime(TRIGGER_MS), checkpoint);
            try {
                assertThat(generator.awaitStreamsDone(Duration.ofSeconds(60))).isTrue();
                LedgerSnapshot sent = generator.ledger();
                // Bounded, not asserted: totals that never add up are compared with the ledger below.
                waitAtMost(60_000, () -> latestTotals().values().stream().mapToLong(Long::longValue).sum()
                        >= sent.totalWords() || !second.isActive());
                await(() -> metrics().stream().anyMatch(m -> m.toLine() == sent.totalLines()),
                        "the progress of the micro-batch through the last line");
            } finally {
                second.stop();
            }
            LedgerSnapshot ledger = generator.ledger();
            List<BatchMetrics> reported = metrics();
            assertThat(reported.subList(batchesBeforeRestart, reported.size()).stream()
                    .mapToLong(BatchMetrics::inputLines).sum()).as("lines counted after the restart")
                    .isGreaterThan(1_000);
            assertThat(latestTotals()).isEqualTo(ledger.counts());
            // Only the micro-batch the stop interrupted is read again.
            assertThat(generator.status().replay().linesServedAgain()).isLessThanOrEqualTo(MAX_LINES_PER_TRIGGER);
            // The state holds every distinct word sent, and the lab's listener reports that many keys.
            assertThat(reported.get(reported.size() - 1).stateKeys()).isEqualTo(ledger.distinctKeys())
                    .isEqualTo(300);
        }
    }

    @Test
    void anIdleWordOutputsItsFinalCountOnceAndLeavesTheState() throws Exception {
        useStateStore("hdfs");
        // A word times out once no micro-batch has seen it for this long, counted from the start of the one that
        // last did: "b" comes every trigger and never times out; "a" comes once, in a micro-batch of its own.
        long idleTimeoutMs = 5_000;
        MemoryStream<String> input = memoryStream();
        StreamingQuery query = start(input.toDS(), idleTimeoutMs, Trigger.ProcessingTime(TRIGGER_MS),
                SparkForTests.tempDir("arbitrary-idle-"));
        int bSent = 0;
        int aAt = -1;
        try {
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            int batchesAfterTimeout = -1;
            while (batchesAfterTimeout < 3 && System.currentTimeMillis() < deadline) {
                List<Map<String, Long>> seen = outputs();
                // "a" after two micro-batches with output: the first ones of a query take seconds (code
                // generation), and a micro-batch that long would be an idle time of its own.
                if (aAt < 0 && seen.stream().filter(output -> !output.isEmpty()).count() >= 2) {
                    add(input, "a a b");
                    aAt = seen.size();
                } else {
                    add(input, "b");
                }
                bSent++;
                int timedOutAt = aAt < 0 ? -1 : indexOfOutputWith(seen, "a", indexOfOutputWith(seen, "a", aAt) + 1);
                batchesAfterTimeout = timedOutAt < 0 ? -1 : seen.size() - 1 - timedOutAt;
                Thread.sleep(TRIGGER_MS);
            }
            // Bounded, not asserted: a b that went missing is reported below with every output.
            int sent = bSent;
            waitAtMost(30_000, () -> latestTotals().getOrDefault("b", 0L) == sent);
            await(() -> metrics().size() >= outputs().size(), "the progress of every micro-batch");
        } finally {
            query.stop();
        }

        List<Map<String, Long>> seen = outputs();
        assertThat(aAt).as("a was sent").isNotNegative();
        int counted = indexOfOutputWith(seen, "a", aAt);
        assertThat(counted).as("a micro-batch counted a; outputs: %s", seen).isNotNegative();
        assertThat(seen.get(counted)).containsEntry("a", 2L);
        assertThat(seen.subList(counted + 1, seen.size()).stream().filter(output -> output.containsKey("a")))
                .as("the timeout outputs a's final count exactly once; outputs: %s", seen).singleElement()
                .satisfies(output -> assertThat(output).containsEntry("a", 2L));
        assertThat(latestTotals()).as("b, never idle, keeps counting; outputs: %s", seen)
                .containsEntry("b", (long) bSent);
        // Its state row goes with it: two words in the state while a was there, one at the end.
        List<BatchMetrics> reported = metrics();
        assertThat(reported).extracting(BatchMetrics::stateKeys).contains(2L).doesNotContain(3L);
        assertThat(reported.get(reported.size() - 1).stateKeys()).isEqualTo(1);
    }

    /** The index of the first output from {@code from} on that holds {@code word}; -1 when none does. */
    private static int indexOfOutputWith(List<Map<String, Long>> outputs, String word, int from) {
        for (int i = from; i < outputs.size(); i++) {
            if (outputs.get(i).containsKey(word)) {
                return i;
            }
        }
        return -1;
    }
}
