package statelab.harness.testing;

import java.util.List;
import statelab.core.CountsSink;
import statelab.core.DStreamJob;
import statelab.core.DStreamOutputs;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.Source;
import statelab.core.Variant;
import statelab.core.WordPairs;

/**
 * A variant that falls behind on any machine: running totals like update-state's, but every batch sleeps for
 * twice the batch interval first. For tests of what the harness does with a variant that falls behind.
 * Registered (in the tests only) as {@code sleepy}.
 */
public final class SleepyWordCount implements Variant {

    public static final String NAME = "sleepy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "tests only: each batch's counts after sleeping twice the interval";
    }

    @Override
    public boolean runningTotals() {
        return false;
    }

    @Override
    public List<Source> sources() {
        return List.of(Source.SOCKET);
    }

    @Override
    public int sourceCores(Source source) {
        return 1; // the socket receiver
    }

    @Override
    public RunningJob start(RunSpec spec, CountsSink sink) {
        long sleepMs = 2 * spec.batchMs();
        return DStreamJob.start(spec, source(spec), sink, false, (ssc, lines, sinkId) -> {
            DStreamOutputs.deliver(WordPairs.batchCounts(lines), sinkId);
            lines.foreachRDD(rdd -> Thread.sleep(sleepMs)); // an output of the batch: part of its processing
        });
    }
}
