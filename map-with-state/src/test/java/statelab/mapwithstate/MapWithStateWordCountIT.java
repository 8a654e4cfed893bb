package statelab.mapwithstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.api.java.JavaMapWithStateDStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import statelab.core.DStreamOutputs;
import statelab.core.testing.ChapterTimeline;
import statelab.core.testing.SparkForTests;
import statelab.core.testing.StateSizes;

class MapWithStateWordCountIT {

    private static final long CHECKPOINT_MS = 4 * SparkForTests.TEST_BATCH_MS;
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkForTests.session("map-with-state-test");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void stateSnapshotsAreTheChapterTotals() throws Exception {
        List<Map<String, Long>> outputs = SparkForTests.playBatches(spark, ChapterTimeline.BATCHES,
                (ssc, lines, sinkId) -> {
                    JavaMapWithStateDStream<String, Long, Long, Tuple2<String, Long>> updates =
                            MapWithStateWordCount.totals(lines, 0, CHECKPOINT_MS);
                    DStreamOutputs.deliver(updates, updates.stateSnapshots(), sinkId);
                });

        assertThat(outputs).containsExactlyElementsOf(ChapterTimeline.RUNNING_TOTALS);
    }

    @Test
    void reportsTheMemoryOfItsStateGrowingWithTheKeys() {
        SparkForTests.Measured run = SparkForTests.playBatchesMeasured(spark, StateSizes.BATCHES,
                (ssc, lines, sinkId) -> {
                    JavaMapWithStateDStream<String, Long, Long, Tuple2<String, Long>> updates =
                            MapWithStateWordCount.totals(lines, 0, CHECKPOINT_MS);
                    DStreamOutputs.deliver(updates, updates.stateSnapshots(), sinkId);
                });

        assertThat(run.outputs().get(StateSizes.LARGE_AT)).hasSize(StateSizes.LARGE_KEYS);
        StateSizes.printReadCost("map-with-state", spark.sparkContext());
        StateSizes.assertGrowsWithTheKeys("map-with-state", run.metrics());
    }

    @Test
    void anIdleWordTimesOutEmittingItsFinalCountOnce() throws Exception {
        // "a" is seen twice in batch 1 and never again; with a timeout of two batches it leaves the state.
        long timeoutMs = 2 * SparkForTests.TEST_BATCH_MS;
        List<List<String>> batches = List.of(List.of("a a b"), List.of("b"), List.of("b"), List.of("b"), List.of("b"),
                List.of("b"), List.of("b"));
        List<Map<String, Long>> updates = SparkForTests.playBatches(spark, batches,
                (ssc, lines, sinkId) -> DStreamOutputs.deliver(
                        MapWithStateWordCount.totals(lines, timeoutMs, CHECKPOINT_MS).mapToPair(pair -> pair), sinkId));
        List<Map<String, Long>> snapshots = SparkForTests.playBatches(spark, batches,
                (ssc, lines, sinkId) -> DStreamOutputs.deliver(
                        MapWithStateWordCount.totals(lines, timeoutMs, CHECKPOINT_MS).stateSnapshots(), sinkId));

        assertThat(updates.get(0)).containsEntry("a", 2L);
        assertThat(updates.subList(1, updates.size()).stream().filter(u -> u.containsKey("a")))
                .as("the timeout emits a's final count exactly once").singleElement()
                .satisfies(u -> assertThat(u).containsEntry("a", 2L));
        assertThat(snapshots.get(0)).containsEntry("a", 2L);
        assertThat(snapshots.get(snapshots.size() - 1)).doesNotContainKey("a").containsEntry("b", 7L);
    }

    @Test
    void perBatchOutputHoldsOnlyTheUpdatedWords() throws Exception {
        List<Map<String, Long>> outputs = SparkForTests.playBatches(spark, ChapterTimeline.BATCHES,
                (ssc, lines, sinkId) -> DStreamOutputs.deliver(
                        MapWithStateWordCount.totals(lines, 0, CHECKPOINT_MS).mapToPair(pair -> pair), sinkId));

        assertThat(outputs).containsExactly(
                Map.of("blue", 5L, "green", 3L), Map.of("gohawks", 1L), Map.of(), Map.of("green", 5L));
    }

    @Test
    void theStateStaysDeserializedWithACheckpointInterval() {
        JavaStreamingContext ssc = new JavaStreamingContext(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                Durations.milliseconds(SparkForTests.TEST_BATCH_MS));
        try {
            JavaMapWithStateDStream<String, Long, Long, Tuple2<String, Long>> updates = MapWithStateWordCount.totals(
                    ssc.queueStream(new java.util.LinkedList<>()), 0, CHECKPOINT_MS);

            assertThat(MapWithStateWordCount.stateStream(updates).storageLevel()).isEqualTo(StorageLevel.MEMORY_ONLY());
            assertThat(MapWithStateWordCount.stateStream(updates).checkpointDuration())
                    .isEqualTo(Durations.milliseconds(CHECKPOINT_MS));
        } finally {
            ssc.stop(false);
        }
    }
}
