package statelab.updatestate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.core.DStreamOutputs;
import statelab.core.testing.ChapterTimeline;
import statelab.core.testing.SparkForTests;
import statelab.core.testing.StateSizes;

class UpdateStateWordCountIT {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkForTests.session("update-state-test");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void keepsRunningTotalsAsTheChapterShows() throws Exception {
        List<Map<String, Long>> outputs = SparkForTests.playBatches(spark, ChapterTimeline.BATCHES,
                (ssc, lines, sinkId) -> DStreamOutputs.deliver(
                        UpdateStateWordCount.totals(lines, 4 * SparkForTests.TEST_BATCH_MS), sinkId));

        assertThat(outputs).containsExactlyElementsOf(ChapterTimeline.RUNNING_TOTALS);
    }

    @Test
    void reportsTheMemoryOfItsStateGrowingWithTheKeys() {
        SparkForTests.Measured run = SparkForTests.playBatchesMeasured(spark, StateSizes.BATCHES,
                (ssc, lines, sinkId) -> DStreamOutputs.deliver(
                        UpdateStateWordCount.totals(lines, 4 * SparkForTests.TEST_BATCH_MS), sinkId));

        assertThat(run.outputs().get(StateSizes.LARGE_AT)).hasSize(StateSizes.LARGE_KEYS);
        StateSizes.printReadCost("update-state", spark.sparkContext());
        StateSizes.assertGrowsWithTheKeys("update-state", run.metrics());
    }

    @Test
    void updateFunctionAddsNewCountsToTheLastSum() {
        assertThat(UpdateStateWordCount.updateTotal(List.of(2L, 3L), Optional.of(10L))).isEqualTo(Optional.of(15L));
        assertThat(UpdateStateWordCount.updateTotal(List.of(4L), Optional.empty())).isEqualTo(Optional.of(4L));
        assertThat(UpdateStateWordCount.updateTotal(List.of(), Optional.of(7L))).isEqualTo(Optional.of(7L));
    }
}
