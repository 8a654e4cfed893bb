package statelab.stateless;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.core.DStreamOutputs;
import statelab.core.testing.ChapterTimeline;
import statelab.core.testing.SparkForTests;
import statelab.core.testing.StateSizes;

class StatelessWordCountIT {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkForTests.session("stateless-test");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void countsEachBatchOnItsOwnAsTheChapterShows() throws Exception {
        List<Map<String, Long>> outputs = SparkForTests.playBatches(spark, ChapterTimeline.BATCHES,
                (ssc, lines, sinkId) -> DStreamOutputs.deliver(StatelessWordCount.counts(lines), sinkId));

        assertThat(outputs).containsExactlyElementsOf(ChapterTimeline.STATELESS_OUTPUTS);
    }

    @Test
    void reportsNoStateMemory() {
        SparkForTests.Measured run = SparkForTests.playBatchesMeasured(spark, StateSizes.BATCHES,
                (ssc, lines, sinkId) -> DStreamOutputs.deliver(StatelessWordCount.counts(lines), sinkId));

        assertThat(run.outputs().get(StateSizes.LARGE_AT - 2)).hasSize(StateSizes.LARGE_KEYS - StateSizes.SMALL_KEYS);
        assertThat(run.metrics()).hasSize(StateSizes.BATCHES.size())
                .allSatisfy(m -> assertThat(m.stateBytes()).isEqualTo(-1));
    }

    @Test
    void countsEveryWordOfManyLinesInOneBatch() throws Exception {
        List<Map<String, Long>> outputs = SparkForTests.playBatches(spark,
                List.of(List.of("a b  c", "", "  a\tb", "你好 世界\u3000你好")),
                (ssc, lines, sinkId) -> DStreamOutputs.deliver(StatelessWordCount.counts(lines), sinkId));

        assertThat(outputs.get(0)).isEqualTo(Map.of("a", 2L, "b", 2L, "c", 1L, "你好", 2L, "世界", 1L));
    }

    @Test
    void tableReaggregationGivesTheChapterTotals() throws Exception {
        String table = SparkForTests.tempDir("table-test-").resolve("table").toUri().toString();
        List<Map<String, Long>> outputs = SparkForTests.playBatches(spark, ChapterTimeline.BATCHES,
                (ssc, lines, sinkId) -> TableReaggregationWordCount.reaggregateEveryBatch(lines, table, sinkId));

        assertThat(outputs).containsExactlyElementsOf(ChapterTimeline.RUNNING_TOTALS);
    }
}
