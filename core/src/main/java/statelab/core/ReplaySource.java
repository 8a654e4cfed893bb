package statelab.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReadMaxRows;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;
import org.apache.spark.sql.execution.streaming.LongOffset;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.apache.spark.unsafe.types.UTF8String;
import statelab.loadgen.ReplayClient;

/**
 * A Structured Streaming source on the load generator's replay protocol: rows {@code value STRING}, one per
 * line, with offsets that are line numbers ({@link LongOffset}). Unlike the socket source it can serve any
 * range again, so a query restarted on its checkpoint re-reads exactly its unfinished batch and goes on: exact
 * recovery. The driver only asks how many lines are due; each input partition fetches its own line range from
 * the load generator on the executor, so rows never travel inside tasks.
 *
 * <pre>
 * spark.readStream().format("statelab-replay")
 *      .option("host", "127.0.0.1").option("port", 9999).option("partitions", 2).load();
 * </pre>
 * Option {@code maxLinesPerTrigger} (as Kafka's {@code maxOffsetsPerTrigger}) caps the lines a micro-batch reads:
 * the rest waits for the next one, so a slow batch does not make the next one bigger.
 * A new query starts at line 0. The source remembers, in its checkpoint folder, which stream it read; a restart
 * against another stream (the load generator was restarted) is refused, because its lines would not be the
 * ones the checkpoint counted.
 */
public final class ReplaySource implements TableProvider, DataSourceRegister {

    public static final String SHORT_NAME = "statelab-replay";
    /** How long to wait for the load generator's answers. */
    static final int TIMEOUT_MS = 60_000;
    private static final String STREAM_FILE = "statelab-replay-stream";
    private static final StructType SCHEMA = new StructType().add("value", DataTypes.StringType, false);

    @Override
    public String shortName() {
        return SHORT_NAME;
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return SCHEMA;
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new ReplayTable();
    }

    /**
     * Checks that the stream a checkpoint's source folder recorded is the one served now; records it when the
     * folder has none yet.
     *
     * @throws LabException naming both streams when they differ
     */
    public static void checkStream(String sourceLocation, String streamId, Configuration hadoopConf) {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(sourceLocation, STREAM_FILE);
        try {
            FileSystem fs = file.getFileSystem(hadoopConf);
            if (fs.exists(file)) {
                String recorded;
                try (InputStream in = fs.open(file)) {
                    recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                }
                if (!recorded.equals(streamId)) {
                    throw new LabException(otherStreamMessage(recorded, streamId));
                }
                return;
            }
            fs.mkdirs(file.getParent());
            try (OutputStream out = fs.create(file, false)) {
                out.write((streamId + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Why a checkpoint of replay stream {@code recorded} cannot resume on stream {@code served}. */
    static String otherStreamMessage(String recorded, String served) {
        return "the checkpoint read replay stream " + recorded + ", the load generator now serves stream " + served
                + " (restarted, or another workload): its lines are not the ones the checkpoint counted;"
                + " use another checkpoint directory or --fresh (nothing was deleted)";
    }

    /** The location Spark gives the first (only) source of a query checkpointed at {@code checkpointRoot}. */
    public static String sourceLocation(String checkpointRoot) {
        return new org.apache.hadoop.fs.Path(checkpointRoot, "sources/0").toString();
    }

    private static final class ReplayTable implements SupportsRead {
        @Override
        public String name() {
            return SHORT_NAME;
        }

        @Override
        public StructType schema() {
            return SCHEMA;
        }

        @Override
        public Set<TableCapability> capabilities() {
            return Set.of(TableCapability.MICRO_BATCH_READ);
        }

        @Override
        public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
            Endpoint endpoint = Endpoint.of(options);
            return () -> new Scan() {
                @Override
                public StructType readSchema() {
                    return SCHEMA;
                }

                @Override
                public String description() {
                    return "replay " + endpoint.host() + ":" + endpoint.port();
                }

                @Override
                public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
                    return new ReplayStream(endpoint, checkpointLocation);
                }
            };
        }
    }

    /** Where the load generator is and how many partitions a batch is split into. */
    private record Endpoint(String host, int port, int partitions, long maxLinesPerTrigger) implements Serializable {
        static Endpoint of(CaseInsensitiveStringMap options) {
            String host = options.getOrDefault("host", RunSpec.DEFAULT_HOST);
            if (!options.containsKey("port")) {
                throw new IllegalArgumentException(SHORT_NAME + " needs option 'port' (the load generator's port)");
            }
            int port = options.getInt("port", 0);
            int partitions = options.getInt("partitions", 2);
            long maxLines = options.getLong("maxLinesPerTrigger", 0);
            if (port < 1 || port > 65535 || partitions < 1 || maxLines < 0) {
                throw new IllegalArgumentException(SHORT_NAME + ": port must be 1..65535, partitions at least 1 and "
                        + "maxLinesPerTrigger not negative");
            }
            return new Endpoint(host, port, partitions, maxLines);
        }

        ReplayClient connect() {
            try {
                return ReplayClient.connect(host, port, TIMEOUT_MS);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }

    /** The driver's side: what is due, and how a batch's line range is split. */
    private static final class ReplayStream implements MicroBatchStream, SupportsAdmissionControl {
        private final Endpoint endpoint;
        private ReplayClient client;

        ReplayStream(Endpoint endpoint, String checkpointLocation) {
            this.endpoint = endpoint;
            this.client = endpoint.connect();
            checkStream(checkpointLocation, client.streamId(),
                    SparkSession.active().sparkContext().hadoopConfiguration());
        }

        @Override
        public Offset initialOffset() {
            return new LongOffset(0);
        }

        @Override
        public ReadLimit getDefaultReadLimit() {
            return endpoint.maxLinesPerTrigger() > 0 ? ReadLimit.maxRows(endpoint.maxLinesPerTrigger())
                    : ReadLimit.allAvailable();
        }

        /** Lines due so far, at most the limit's beyond {@code start}; null while none is (no empty first batch). */
        @Override
        public Offset latestOffset(Offset start, ReadLimit limit) {
            Offset due = latestOffset();
            if (due == null || !(limit instanceof ReadMaxRows max)) {
                return due;
            }
            long from = start == null ? 0 : lineNumber(start);
            return new LongOffset(Math.min(lineNumber(due), from + max.maxRows()));
        }

        /** Lines due so far; null while none is, so a new query does not run an empty first batch. */
        @Override
        public synchronized Offset latestOffset() {
            long due;
            try {
                due = client.due().lines();
            } catch (IOException first) {
                // One new connection (the old one may have timed out while the query was busy), then give up.
                closeQuietly();
                client = endpoint.connect();
                try {
                    due = client.due().lines();
                } catch (IOException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
            }
            return due == 0 ? null : new LongOffset(due);
        }

        @Override
        public InputPartition[] planInputPartitions(Offset start, Offset end) {
            long from = lineNumber(start);
            long to = lineNumber(end);
            long lines = to - from;
            int parts = (int) Math.max(1, Math.min(endpoint.partitions(), lines));
            List<InputPartition> partitions = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                long partFrom = from + lines * i / parts;
                long partTo = from + lines * (i + 1) / parts;
                if (partTo > partFrom) {
                    partitions.add(new LineRange(endpoint, partFrom, partTo));
                }
            }
            return partitions.toArray(new InputPartition[0]);
        }

        @Override
        public PartitionReaderFactory createReaderFactory() {
            return new RangeReaderFactory();
        }

        @Override
        public Offset deserializeOffset(String json) {
            return new LongOffset(Long.parseLong(json.strip()));
        }

        @Override
        public void commit(Offset end) {
            // nothing to release: the load generator can serve any line again
        }

        @Override
        public synchronized void stop() {
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                client.close();
            } catch (IOException e) {
                // closing anyway
            }
        }

        private static long lineNumber(Offset offset) {
            return Long.parseLong(offset.json().strip());
        }

        @Override
        public String toString() {
            return "replay " + endpoint.host() + ":" + endpoint.port();
        }
    }

    /** One partition of a batch: lines {@code from} (inclusive) to {@code to} (exclusive). */
    private record LineRange(Endpoint endpoint, long from, long to) implements InputPartition {
    }

    private static final class RangeReaderFactory implements PartitionReaderFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public PartitionReader<InternalRow> createReader(InputPartition partition) {
            LineRange range = (LineRange) partition;
            return new RangeReader(range);
        }
    }

    /** Fetches its range on the executor and hands out one row per line. */
    private static final class RangeReader implements PartitionReader<InternalRow> {
        private final ReplayClient client;
        private final ReplayClient.Lines lines;

        RangeReader(LineRange range) {
            this.client = range.endpoint().connect();
            this.lines = client.fetch(range.from(), range.to());
        }

        @Override
        public boolean next() throws IOException {
            return lines.next();
        }

        @Override
        public InternalRow get() {
            byte[] copy = Arrays.copyOfRange(lines.buffer(), lines.start(), lines.start() + lines.length());
            return new GenericInternalRow(new Object[] {UTF8String.fromBytes(copy)});
        }

        @Override
        public void close() throws IOException {
            client.close();
        }
    }
}
