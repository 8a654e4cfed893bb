package statelab.structured;

import static org.apache.spark.sql.functions.col;

import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import statelab.core.ConsoleRun;
import statelab.core.CountsSink;
import statelab.core.LabException;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.StructuredJob;
import statelab.core.StructuredVariant;
import statelab.core.Tokenizer;

/**
 * Keeps running word totals with Structured Streaming: {@code groupBy(word).count()} on an unbounded table of
 * lines, where the API went after DStreams. Spark keeps the counts in a state store, the HDFS-backed in-memory
 * one ({@code structured}) or RocksDB ({@code structured-rocksdb}).
 *
 * <p>Options: {@code output-mode} {@code complete} (every batch prints all totals, as the chapter does) or
 * {@code update} (only the words whose totals changed; what a measurement uses); {@code state-store}
 * {@code hdfs} or {@code rocksdb}. Sources: {@code replay} (the default: the load generator's replay protocol,
 * which a restart on the checkpoint resumes exactly) or {@code socket} (Spark's socket source, as in the
 * chapter: it cannot resume and falls behind at about 100,000 words/s).
 *
 * <p>Usage: see {@link #USAGE}. Run it against the load generator with the chapter's timeline:
 * <pre>
 *   ./lab loadgen --port 9999 --script chapter     # terminal 1
 *   ./lab run structured --port 9999               # terminal 2
 * </pre>
 */
public class StructuredWordCount implements StructuredVariant {

    public static final String NAME = "structured";
    public static final String OUTPUT_MODE = "output-mode";
    public static final String USAGE = "Usage: StructuredWordCount <hostname> <port> [batch-ms]\n"
            + "  Keeps running word totals (Structured Streaming groupBy().count()) of lines read from "
            + "<hostname>:<port>.\n"
            + "  Run it as: ./lab run structured --host <hostname> --port <port> [--batch 1s]"
            + " [--output-mode complete|update] [--state-store hdfs|rocksdb] [--source replay|socket]";

    /** The pipeline: a stream of lines in, rows {@code (word, count)} with each word's running total out. */
    public static Dataset<Row> counts(Dataset<String> lines) {
        return lines.flatMap((FlatMapFunction<String, String>) Tokenizer::words, Encoders.STRING())
                .groupBy(col("value").as("word"))
                .count();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "running totals with Structured Streaming groupBy().count(), HDFS-backed state store";
    }

    @Override
    public boolean runningTotals() {
        return true;
    }

    @Override
    public Set<String> optionNames() {
        return Set.of(OUTPUT_MODE, STATE_STORE);
    }

    /** Measured runs emit only changed totals (update mode), as mapWithState does. */
    @Override
    public Map<String, String> measuringDefaults() {
        return Map.of(OUTPUT_MODE, "update");
    }

    @Override
    public RunningJob start(RunSpec spec, CountsSink sink) {
        String outputMode = spec.option(OUTPUT_MODE, "complete");
        if (!outputMode.equals("complete") && !outputMode.equals("update")) {
            throw new LabException("output mode must be complete or update, got '" + outputMode + "'");
        }
        return StructuredJob.start(spec, sink, StructuredWordCount::counts, outputMode, rocksDb(spec), source(spec));
    }

    public static void main(String[] args) throws InterruptedException {
        ConsoleRun.main(new StructuredWordCount(), USAGE, args);
    }

    /** The same query with its state in RocksDB, registered as {@code structured-rocksdb}. */
    public static final class RocksDb extends StructuredWordCount {
        @Override
        public String name() {
            return NAME + "-rocksdb";
        }

        @Override
        public String description() {
            return "running totals with Structured Streaming groupBy().count(), RocksDB state store";
        }

        @Override
        public String defaultStateStore() {
            return "rocksdb";
        }
    }
}
