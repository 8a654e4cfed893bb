package statelab.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import scala.Tuple2;
import statelab.core.CountsSink;
import statelab.core.WordCounts;

/** Keeps every batch's full output, in order, for assertions. */
public final class CollectingSink implements CountsSink {

    private final List<Map<String, Long>> batches = new ArrayList<>();

    @Override
    public int rowsWanted() {
        return ALL;
    }

    @Override
    public synchronized void accept(long batchTimeMs, List<Tuple2<String, Long>> rows, boolean more) {
        batches.add(WordCounts.toMap(rows));
        notifyAll();
    }

    /** Waits until {@code n} batches have arrived and returns the first {@code n}. */
    public synchronized List<Map<String, Long>> awaitBatches(int n, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (batches.size() < n) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("only " + batches.size() + " of " + n + " batches arrived in "
                        + timeoutMs + " ms: " + batches);
            }
            wait(left);
        }
        return List.copyOf(batches.subList(0, n));
    }
}
