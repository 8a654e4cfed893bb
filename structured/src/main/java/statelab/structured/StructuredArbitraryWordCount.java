package statelab.structured;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import scala.Tuple2;
import statelab.core.ConsoleRun;
import statelab.core.CountsSink;
import statelab.core.IdleTimeout;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.StructuredJob;
import statelab.core.StructuredVariant;
import statelab.core.Tokenizer;

/**
 * Keeps running word totals with Structured Streaming's {@code flatMapGroupsWithState}, the counterpart of
 * mapWithState: a {@code GroupState<Long>} per word, which the state function reads and updates only for the words
 * of the micro-batch. Each micro-batch outputs the words whose totals changed, with their new totals (update output
 * mode); {@code --counts-out} writes each word's latest total.
 *
 * <p>Option {@code idle-timeout-ms} (command line: {@code --idle-timeout 30s}; see {@link IdleTimeout}), as in
 * map-with-state: a word not seen for that long (processing time) leaves the state, and its final count is output
 * once as it goes. With a timeout every trigger runs a micro-batch, with input or without, so that idle words are
 * found. Option {@code state-store}: {@code hdfs} (the default, Spark's HDFS-backed in-memory store) or
 * {@code rocksdb}. Sources: {@code replay} (the default: the load generator's replay protocol, which a restart on
 * the checkpoint resumes exactly) or {@code socket} (Spark's socket source, as in the chapter: it cannot resume).
 *
 * <p>Usage: see {@link #USAGE}. Run it against the load generator with the chapter's timeline:
 * <pre>
 *   ./lab loadgen --port 9999 --script chapter     # terminal 1
 *   ./lab run structured-arbitrary --port 9999     # terminal 2
 * </pre>
 * It prints {@code (blue,5) (green,3)}, then {@code (gohawks,1)}, then {@code (green,5)}: the chapter's totals, as
 * each changes.
 */
public final class StructuredArbitraryWordCount implements StructuredVariant {

    public static final String NAME = "structured-arbitrary";
    public static final String USAGE = "Usage: StructuredArbitraryWordCount <hostname> <port> [batch-ms]\n"
            + "  Keeps running word totals (Structured Streaming flatMapGroupsWithState) of lines read from "
            + "<hostname>:<port>.\n"
            + "  Run it as: ./lab run structured-arbitrary --host <hostname> --port <port> [--batch 1s]"
            + " [--idle-timeout 30s] [--state-store hdfs|rocksdb] [--source replay|socket]";

    private static final Encoder<Tuple2<String, Long>> WORD_COUNT = Encoders.tuple(Encoders.STRING(), Encoders.LONG());

    /**
     * The pipeline: a stream of lines in, rows {@code (word, count)} out, each a word of the micro-batch with its
     * new running total, or a word timing out with its final one.
     *
     * @param idleTimeoutMs 0 for none
     */
    public static Dataset<Row> totals(Dataset<String> lines, long idleTimeoutMs) {
        GroupStateTimeout timeout = idleTimeoutMs > 0
                ? GroupStateTimeout.ProcessingTimeTimeout()
                : GroupStateTimeout.NoTimeout();
        return lines.mapPartitions(
                        (MapPartitionsFunction<String, Tuple2<String, Long>>) StructuredArbitraryWordCount::countWords,
                        WORD_COUNT)
                .groupByKey((MapFunction<Tuple2<String, Long>, String>) Tuple2::_1, Encoders.STRING())
                .flatMapGroupsWithState(
                        (FlatMapGroupsWithStateFunction<String, Tuple2<String, Long>, Long, Tuple2<String, Long>>)
                                (word, counts, total) -> addToTotal(word, counts, total, idleTimeoutMs),
                        OutputMode.Update(), Encoders.LONG(), WORD_COUNT, timeout)
                .toDF("word", "count");
    }

    /**
     * Counts the words of one partition's lines. groupByKey has no map-side combine (groupBy().count() and
     * reduceByKey have one), so without this every word, not every distinct word, would cross the shuffle.
     */
    static Iterator<Tuple2<String, Long>> countWords(Iterator<String> lines) {
        Map<String, Long> counts = new HashMap<>();
        while (lines.hasNext()) {
            Tokenizer.words(lines.next()).forEachRemaining(word -> counts.merge(word, 1L, Long::sum));
        }
        return counts.entrySet().stream().map(e -> new Tuple2<>(e.getKey(), e.getValue())).iterator();
    }

    /**
     * Adds a micro-batch's counts of {@code word} to its total and outputs the new total; a word timing out (no
     * counts) outputs its final total and leaves the state. Each count of the batch restarts the idle timeout.
     */
    public static Iterator<Tuple2<String, Long>> addToTotal(String word, Iterator<Tuple2<String, Long>> counts,
                                                            GroupState<Long> total, long idleTimeoutMs) {
        if (total.hasTimedOut()) {
            long last = total.get();
            total.remove();
            return Collections.singletonList(new Tuple2<>(word, last)).iterator();
        }
        long sum = total.exists() ? total.get() : 0L;
        while (counts.hasNext()) {
            sum += counts.next()._2();
        }
        total.update(sum);
        if (idleTimeoutMs > 0) {
            total.setTimeoutDuration(idleTimeoutMs);
        }
        return Collections.singletonList(new Tuple2<>(word, sum)).iterator();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "running totals with Structured Streaming flatMapGroupsWithState: a state per word, only the "
                + "batch's words touched (optional idle timeout)";
    }

    @Override
    public boolean runningTotals() {
        return true;
    }

    @Override
    public Set<String> optionNames() {
        return Set.of(IdleTimeout.OPTION, STATE_STORE);
    }

    @Override
    public RunningJob start(RunSpec spec, CountsSink sink) {
        long idleTimeoutMs = IdleTimeout.ms(spec);
        boolean rocksDb = rocksDb(spec);
        // flatMapGroupsWithState emits what its function returns; update mode writes exactly those rows.
        return StructuredJob.start(spec, sink, lines -> totals(lines, idleTimeoutMs), "update", rocksDb,
                source(spec));
    }

    public static void main(String[] args) throws InterruptedException {
        ConsoleRun.main(new StructuredArbitraryWordCount(), USAGE, args);
    }
}
