package statelab.harness.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import statelab.core.BatchListener;
import statelab.core.BatchMetrics;
import statelab.loadgen.LoadGenerator;
import statelab.loadgen.Status;

/**
 * Records every batch's metrics during a run, completing what Spark does not know: the words in the batch
 * (lines x words per line of the workload) and the distinct keys in state (from the load generator's ledger,
 * where the engine does not report them).
 */
public final class BatchRecorder implements BatchListener {

    private final int wordsPerLine;
    private final LongSupplier distinctKeysSent;
    private final List<BatchMetrics> batches = new ArrayList<>();

    /**
     * @param wordsPerLine     words in each generated line
     * @param distinctKeysSent distinct keys the load generator has sent so far (the state size a correct
     *                         variant holds once it has processed them)
     */
    public BatchRecorder(int wordsPerLine, LongSupplier distinctKeysSent) {
        this.wordsPerLine = wordsPerLine;
        this.distinctKeysSent = distinctKeysSent;
    }

    /** The recorder of a measured run: state size from what {@code generator} sent its first client. */
    public static BatchRecorder of(int wordsPerLine, LoadGenerator generator) {
        return new BatchRecorder(wordsPerLine, () -> {
            List<Status.ClientStatus> clients = generator.status().clients();
            return clients.isEmpty() ? 0 : clients.get(0).distinctKeys();
        });
    }

    @Override
    public void onBatch(BatchMetrics metrics) {
        BatchMetrics completed = metrics.withInputWords(metrics.inputLines() * wordsPerLine);
        if (completed.stateKeys() < 0) {
            completed = completed.withStateKeys(distinctKeysSent.getAsLong());
        }
        synchronized (batches) {
            batches.add(completed);
        }
    }

    public List<BatchMetrics> batches() {
        synchronized (batches) {
            return List.copyOf(batches);
        }
    }

    public int size() {
        synchronized (batches) {
            return batches.size();
        }
    }
}
