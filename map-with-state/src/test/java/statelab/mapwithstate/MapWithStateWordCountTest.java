package statelab.mapwithstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.api.java.JavaMapWithStateDStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import statelab.core.DStreamOutputs;
import statelab.core.testing.ChapterTimeline;
import statelab.core.testing.SparkForTests;

class MapWithStateWordCountTest {

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
    void perBatchOutputHoldsOnlyTheUpdatedWords() throws Exception {
        List<Map<String, Long>> outputs = SparkForTests.playBatches(spark, ChapterTimeline.BATCHES,
                (ssc, lines, sinkId) -> DStreamOutputs.deliver(
                        MapWithStateWordCount.totals(lines, 0, CHECKPOINT_MS).mapToPair(pair -> pair), sinkId));

        assertThat(outputs).containsExactly(
                Map.of("blue", 5L, "green", 3L), Map.of("gohawks", 1L), Map.of(), Map.of("green", 5L));
    }
}
