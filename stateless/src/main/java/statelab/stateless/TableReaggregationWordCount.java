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
import statelab.core.CheckpointDirs;
import statelab.core.ConsoleRun;
import statelab.core.CountsSink;
import statelab.core.DStreamJob;
import statelab.core.LabException;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.Source;
import statelab.core.SparkSettings;
import statelab.core.StructuredOutputs;
import statelab.core.Variant;
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
public final class TableReaggregationWordCount implements Variant {

    public static final String NAME = "table-reaggregation";
    public static final String USAGE = "Usage: TableReaggregationWordCount <hostname> <port> [batch-ms]\n"
            + "  Appends each batch's word counts to a table and re-aggregates the whole table every batch.\n"
            + "  Run it as: ./lab run table-reaggregation --host <hostname> --port <port> [--batch 1s] [--checkpoint "
            + "DIR]";

    /**
     * The pipeline: appends each batch's (word, count) rows to the Parquet table at {@code tableDir}, then
     * delivers {@code SELECT word, SUM(count) FROM table GROUP BY word} to the sink.
     */
    public static void reaggregateEveryBatch(JavaDStream<String> lines, String tableDir, String sinkId) {
        WordPairs.batchCounts(lines).foreachRDD((batchCounts, time) -> {
            SparkSession spark = SparkSession.builder().config(batchCounts.context().getConf()).getOrCreate();
            spark.createDataset(batchCounts.rdd(),
                            Encoders.tuple(Encoders.STRING(), Encoders.LONG()))
                    .toDF("word", "count")
                    .write().mode(SaveMode.Append).parquet(tableDir);
            Dataset<Row> totals = spark.read().parquet(tableDir)
                    .groupBy("word").agg(sum(col("count")).as("count"));
            StructuredOutputs.deliver(totals, time.milliseconds(), sinkId);
        });
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

    @Override
    public int sourceCores() {
        return 1; // the socket receiver
    }

    @Override
    public RunningJob start(RunSpec spec, CountsSink sink) {
        Path tableDir = tableDir(spec, source(spec));
        String table = tableDir.toAbsolutePath().toUri().toString();
        return DStreamJob.start(spec, source(spec), sink, false,
                (ssc, lines, sinkId) -> reaggregateEveryBatch(lines, table, sinkId));
    }

    /** The table lives in the checkpoint directory when one is given (it is this variant's state). */
    private static Path tableDir(RunSpec spec, Source source) {
        if (spec.checkpointDir() != null) {
            CheckpointDirs.prepare(spec.checkpointDir(), NAME, spec.stateShapingSettings(source), spec.fresh());
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
