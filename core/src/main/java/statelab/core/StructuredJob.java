package statelab.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import statelab.loadgen.ReplayClient;

/**
 * Runs a Structured Streaming word count against the load generator: what the Structured variants share. The
 * query's checkpoint location holds its offsets and state store. The lines come from the load generator's replay
 * protocol ({@link ReplaySource}: replayable, so a restart on the checkpoint recovers exactly) or from Spark's
 * socket source (the chapter's; it cannot resume and slows down as batches grow).
 */
public final class StructuredJob implements RunningJob {

    private static final AtomicLong QUERY_NUMBER = new AtomicLong();

    private final SparkSession spark;
    private final StreamingQuery query;
    private final StructuredMetricsListener listener;
    private final String sinkId;
    private final long intervalMs;
    private final Path temporaryCheckpoint;
    private volatile Throwable failure;
    private volatile boolean stopped;

    private StructuredJob(SparkSession spark, StreamingQuery query, StructuredMetricsListener listener,
                          String sinkId, long intervalMs, Path temporaryCheckpoint) {
        this.spark = spark;
        this.query = query;
        this.listener = listener;
        this.sinkId = sinkId;
        this.intervalMs = intervalMs;
        this.temporaryCheckpoint = temporaryCheckpoint;
    }

    /**
     * Starts the query.
     *
     * @param pipeline   lines in, rows {@code (word, count)} out
     * @param outputMode {@code update} or {@code complete}
     * @param rocksDb    whether state lives in RocksDB instead of the HDFS-backed in-memory store
     * @param source     where the lines come from; part of what the checkpoint holds (its offsets)
     */
    public static StructuredJob start(RunSpec spec, CountsSink sink, Function<Dataset<String>, Dataset<Row>> pipeline,
                                      String outputMode, boolean rocksDb, Source source) {
        Path checkpoint = spec.checkpointDir();
        Path temporary = null;
        if (checkpoint == null) {
            temporary = createTemporaryCheckpoint(spec.variant());
            checkpoint = temporary;
        }
        CheckpointDirs.Start start = CheckpointDirs.prepare(checkpoint, spec.variant(),
                spec.stateShapingSettings(source), spec.fresh());
        String streamId = null;
        if (source == Source.REPLAY) {
            // Fails fast, in one line, when no load generator answers; the stream's identity guards a resume.
            try (ReplayClient client = ReplayClient.connect(spec.host(), spec.port(), ReplaySource.TIMEOUT_MS)) {
                streamId = client.streamId();
            } catch (IOException e) {
                deleteTemporary(temporary);
                throw new LabException(e.getMessage(), e);
            }
        }

        SparkSession spark = SparkSettings.session(spec);
        if (start == CheckpointDirs.Start.RESUME && streamId != null) {
            try {
                ReplaySource.checkStream(ReplaySource.sourceLocation(checkpoint.toAbsolutePath().toString()),
                        streamId, spark.sparkContext().hadoopConfiguration());
            } catch (RuntimeException e) {
                spark.stop();
                throw e;
            }
        }
        // The store is chosen per query before it starts; the choice is then frozen into the checkpoint.
        spark.conf().set("spark.sql.streaming.stateStore.providerClass", rocksDb
                ? SparkSettings.ROCKSDB_PROVIDER
                : "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider");
        if (rocksDb) {
            SparkSettings.rocksDbDefaults(spec.sparkConf()).forEach(spark.conf()::set);
        }

        String queryName = "statelab_" + spec.variant().replace('-', '_') + "_" + QUERY_NUMBER.incrementAndGet();
        String sinkId = queryName;
        CountsSinks.register(sinkId, sink);
        StructuredMetricsListener listener = new StructuredMetricsListener(queryName, spec,
                !rocksDb || SparkSettings.rocksDbCountsRows(spark.conf()));
        spark.streams().addListener(listener);

        Dataset<String> lines = (source == Source.REPLAY
                ? spark.readStream().format(ReplaySource.SHORT_NAME).option("partitions", spec.partitions())
                : spark.readStream().format("socket"))
                .option("host", spec.host()).option("port", spec.port())
                .load().as(Encoders.STRING());
        try {
            StreamingQuery query = pipeline.apply(lines).writeStream()
                    .queryName(queryName)
                    .outputMode(outputMode)
                    .trigger(Trigger.ProcessingTime(spec.batchMs()))
                    .option("checkpointLocation", checkpoint.toAbsolutePath().toString())
                    .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, batchId) ->
                            StructuredOutputs.deliver(batch, System.currentTimeMillis(), sinkId))
                    .start();
            return new StructuredJob(spark, query, listener, sinkId, spec.batchMs(), temporary);
        } catch (TimeoutException e) {
            CountsSinks.unregister(sinkId);
            throw new LabException("the streaming query did not start: " + e.getMessage(), e);
        }
    }

    private static Path createTemporaryCheckpoint(String variant) {
        try {
            Path scratch = SparkSettings.scratchDir();
            Files.createDirectories(scratch);
            return Files.createTempDirectory(scratch, "checkpoint-" + variant + "-");
        } catch (IOException e) {
            throw new LabException("cannot create a temporary checkpoint directory: " + e.getMessage(), e);
        }
    }

    public StreamingQuery query() {
        return query;
    }

    @Override
    public boolean awaitTermination(long timeoutMs) throws InterruptedException {
        try {
            return query.awaitTermination(timeoutMs);
        } catch (StreamingQueryException e) {
            failure = e;
            return true;
        }
    }

    @Override
    public synchronized void stop(boolean gracefully) {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (gracefully) {
                drain();
            }
            query.stop();
        } catch (TimeoutException e) {
            failure = e;
        } finally {
            spark.streams().removeListener(listener);
            CountsSinks.unregister(sinkId);
            spark.stop();
            deleteTemporary(temporaryCheckpoint);
        }
    }

    private static void deleteTemporary(Path temporaryCheckpoint) {
        if (temporaryCheckpoint != null) {
            try {
                CheckpointDirs.deleteRecursively(temporaryCheckpoint);
            } catch (LabException e) {
                // harmless leftover in the lab's scratch space
            }
        }
    }

    /**
     * Waits (bounded) until the query has processed what its source holds. Not processAllAvailable(): with a
     * source that never stops sending, that may never return.
     */
    private void drain() {
        long deadline = System.currentTimeMillis() + Math.max(10_000, 5 * intervalMs);
        try {
            while (query.isActive() && System.currentTimeMillis() < deadline) {
                if (!query.status().isDataAvailable() && !query.status().isTriggerActive()) {
                    return;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String uiUrl() {
        return spark.sparkContext().uiWebUrl().getOrElse(() -> null);
    }

    @Override
    public Throwable failure() {
        Throwable t = failure;
        if (t == null && query.exception().isDefined()) {
            t = query.exception().get();
        }
        return t;
    }
}
