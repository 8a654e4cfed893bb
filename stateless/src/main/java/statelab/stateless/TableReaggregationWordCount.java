package statelab.stateless;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.api.java.JavaDStream;
import statelab.core.ConsoleRun;
import statelab.core.CountsSink;
import statelab.core.DStreamJob;
import statelab.core.DStreamVariant;
import statelab.core.LabException;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.SparkSettings;
import statelab.core.StructuredOutputs;
import statelab.core.WordPairs;

/**
 * The chapter's anti-pattern for running totals: every batch's counts become a DataFrame appended to a
 * persistent table (Parquet files), and every batch re-runs {@code GROUP BY word SUM(count)} over the whole
 * table. The totals are right, but each batch reads everything ever appended, so processing time grows with
 * every batch until it exceeds the batch interval and the scheduling delay climbs without end: the lesson.
 *
 * <p>Usage: see {@link #USAGE}. Run it against the load generator with the chapter's timeline:
 * <pre>
 *   ./lab loadgen --port 9999 --script chapter            # terminal 1
 *   ./lab run table-reaggregation --port 9999             # terminal 2
 * </pre>
 */
public final class TableReaggregationWordCount implements DStreamVariant {

    public static final String NAME = "table-reaggregation";
    /** The table's partition column: each batch's rows live under {@code batchTimeMs=T}. */
    static final String BATCH_COLUMN = "batchTimeMs";
    public static final String USAGE = "Usage: TableReaggregationWordCount <hostname> <port> [batch-ms]\n"
            + "  Appends each batch's word counts to a table and re-aggregates the whole table every batch.\n"
            + "  Run it as: ./lab run table-reaggregation --host <hostname> --port <port> [--batch 1s] [--checkpoint "
            + "DIR]";

    /**
     * The pipeline: writes each batch's (word, count) rows into the Parquet table at {@code tableDir}, then
     * delivers {@code SELECT word, SUM(count) FROM table GROUP BY word} to the sink.
     *
     * <p>A batch's rows go to a folder of their own, named by the batch time ({@code batchTimeMs=T}, a partition
     * of the table), and replace whatever that folder held: a batch computed again after a restart replaces its
     * earlier rows instead of adding them a second time, so the totals stay exact after a crash.
     */
    public static void reaggregateEveryBatch(JavaDStream<String> lines, String tableDir, String sinkId) {
        WordPairs.batchCounts(lines).foreachRDD((batchCounts, time) -> {
            SparkSession spark = SparkSession.builder().config(batchCounts.context().getConf()).getOrCreate();
            spark.createDataset(batchCounts.rdd(),
                            Encoders.tuple(Encoders.STRING(), Encoders.LONG()))
                    .toDF("word", "count")
                    .write().mode(SaveMode.Overwrite).parquet(batchDir(tableDir, time.milliseconds()));
            Dataset<Row> totals = spark.read().parquet(tableDir)
                    .groupBy("word").agg(sum(col("count")).as("count"));
            StructuredOutputs.deliver(totals, time.milliseconds(), sinkId);
        });
    }

    /** The folder of one batch's rows: a partition of the table, keyed by the batch time. */
    static String batchDir(String tableDir, long batchTimeMs) {
        return tableDir + (tableDir.endsWith("/") ? "" : "/") + BATCH_COLUMN + "=" + batchTimeMs;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the anti-pattern: append each batch to a table, re-aggregate the whole table every batch";
    }

    @Override
    public boolean runningTotals() {
        return true;
    }

    /** {@inheritDoc} (each batch's rows are written to the table) */
    @Override
    public boolean durableEveryBatch() {
        return true;
    }

    @Override
    public RunningJob start(RunSpec spec, CountsSink sink) {
        String table = tableDir(spec).toAbsolutePath().toUri().toString();
        return DStreamJob.start(spec, source(spec), sink, false,
                (ssc, lines, sinkId) -> reaggregateEveryBatch(lines, table, sinkId));
    }

    /**
     * The table lives in the checkpoint directory when one is given (it is this variant's state, and the job is
     * checkpointed there too, so a restart resumes at its offsets); otherwise in a temporary folder.
     */
    private static Path tableDir(RunSpec spec) {
        if (spec.checkpointDir() != null) {
            return spec.checkpointDir().resolve("table");
        }
        try {
            Files.createDirectories(SparkSettings.scratchDir());
            return Files.createTempDirectory(SparkSettings.scratchDir(), "table-").resolve("table");
        } catch (IOException e) {
            throw new LabException("cannot create the table directory: " + e.getMessage(), e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        ConsoleRun.main(new TableReaggregationWordCount(), USAGE, args);
    }
}
