package statelab.structured;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scala.Option;
import scala.collection.JavaConverters;
import statelab.core.SparkSettings;
import statelab.core.testing.ChapterTimeline;
import statelab.core.testing.SparkForTests;

class StructuredWordCountIT {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkForTests.session("structured-test");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** Plays the chapter's batches through a memory stream, one micro-batch each (an empty one runs none). */
    private static List<Map<String, Long>> playChapter(String outputMode, String stateStore) throws Exception {
        spark.conf().set("spark.sql.streaming.stateStore.providerClass", stateStore.equals("rocksdb")
                ? SparkSettings.ROCKSDB_PROVIDER
                : "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider");
        MemoryStream<String> input = new MemoryStream<>(1, spark.sqlContext(), Option.empty(), Encoders.STRING());
        List<Map<String, Long>> outputs = new ArrayList<>();
        StreamingQuery query = StructuredWordCount.counts(input.toDS()).writeStream()
                .outputMode(outputMode)
                .option("checkpointLocation", SparkForTests.tempDir("structured-test-").toString())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
                    Map<String, Long> counts = new java.util.TreeMap<>();
                    batch.collectAsList().forEach(row -> counts.put(row.getString(0), row.getLong(1)));
                    outputs.add(counts);
                })
                .start();
        try {
            for (List<String> lines : ChapterTimeline.BATCHES) {
                if (!lines.isEmpty()) {
                    input.addData(JavaConverters.asScalaBuffer(lines).toSeq());
                    query.processAllAvailable();
                }
            }
        } finally {
            query.stop();
        }
        return outputs;
    }

    @ParameterizedTest(name = "{0} state store")
    @CsvSource({"hdfs", "rocksdb"})
    void completeModeShowsTheChapterTotals(String stateStore) throws Exception {
        List<Map<String, Long>> outputs = playChapter("complete", stateStore);

        // No micro-batch runs for the empty second, so the third output is the chapter's fourth.
        assertThat(outputs).containsExactly(ChapterTimeline.RUNNING_TOTALS.get(0),
                ChapterTimeline.RUNNING_TOTALS.get(1), ChapterTimeline.RUNNING_TOTALS.get(3));
    }

    @ParameterizedTest(name = "{0} state store")
    @CsvSource({"hdfs", "rocksdb"})
    void updateModeShowsOnlyTheChangedTotals(String stateStore) throws Exception {
        List<Map<String, Long>> outputs = playChapter("update", stateStore);

        assertThat(outputs).containsExactly(
                Map.of("blue", 5L, "green", 3L), Map.of("gohawks", 1L), Map.of("green", 5L));
    }
}
