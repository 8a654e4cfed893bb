package statelab.stateless;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import statelab.core.ConsoleRun;
import statelab.core.CountsSink;
import statelab.core.DStreamJob;
import statelab.core.DStreamOutputs;
import statelab.core.DStreamVariant;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.WordPairs;

/**
 * Counts the words of each batch on its own: the chapter's first program ({@code streaming_word_count.py}).
 * Nothing is remembered between batches, so with the chapter's timeline second 1 prints
 * {@code (blue,5) (green,3)}, second 2 only {@code (gohawks,1)}, second 4 only {@code (green,2)}.
 *
 * <p>Usage: see {@link #USAGE}. Run it against the load generator with the chapter's timeline:
 * <pre>
 *   ./lab loadgen --port 9999 --script chapter     # terminal 1
 *   ./lab run stateless --port 9999                # terminal 2
 * </pre>
 */
public final class StatelessWordCount implements DStreamVariant {

    public static final String NAME = "stateless";
    public static final String USAGE = "Usage: StatelessWordCount <hostname> <port> [batch-ms]\n"
            + "  Counts the words of each batch of lines read from <hostname>:<port>.\n"
            + "  Run it as: ./lab run stateless --host <hostname> --port <port> [--batch 1s]";

    /** The pipeline: lines in, each batch's own (word, count) pairs out. */
    public static JavaPairDStream<String, Long> counts(JavaDStream<String> lines) {
        return WordPairs.batchCounts(lines);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "each batch's own word counts (reduceByKey), no state";
    }

    @Override
    public boolean runningTotals() {
        return false;
    }

    @Override
    public RunningJob start(RunSpec spec, CountsSink sink) {
        return DStreamJob.start(spec, source(spec), sink, false,
                (ssc, lines, sinkId) -> DStreamOutputs.deliver(counts(lines), sinkId));
    }

    public static void main(String[] args) throws InterruptedException {
        ConsoleRun.main(new StatelessWordCount(), USAGE, args);
    }
}
