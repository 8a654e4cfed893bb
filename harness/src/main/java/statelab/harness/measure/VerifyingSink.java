package statelab.harness.measure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import scala.Tuple2;
import statelab.core.CountsSink;

/**
 * The sink of a measured run: brings nothing to the driver while measuring (the variant still computes every
 * row), then, once armed for the batches after the load, collects every row of those batches and keeps each
 * word's latest total. The load generator ends its stream by sending every key once more, so after the last
 * batch this map holds every word's final total, whether the variant outputs all totals or only changed ones.
 *
 * <p>Armed by batch time, not from the moment {@link #armFrom} is called: a batch of the measured load whose
 * output job happens to start after that moment still only materialises its rows (collecting a million-key
 * state to the driver inside a measured batch would cost seconds that are not the variant's).
 */
public final class VerifyingSink implements CountsSink {

    private static final long NOT_ARMED = Long.MAX_VALUE;

    private volatile long armedFromBatchTimeMs = NOT_ARMED;
    private final Map<String, Long> latestTotals = new HashMap<>();

    /** Collect all rows of every batch whose time is {@code batchTimeMs} or later. */
    public void armFrom(long batchTimeMs) {
        armedFromBatchTimeMs = batchTimeMs;
    }

    private boolean armedFor(long batchTimeMs) {
        return batchTimeMs >= armedFromBatchTimeMs;
    }

    @Override
    public int rowsWanted(long batchTimeMs) {
        return armedFor(batchTimeMs) ? ALL : NONE;
    }

    @Override
    public synchronized void accept(long batchTimeMs, List<Tuple2<String, Long>> rows, boolean more) {
        if (!armedFor(batchTimeMs) || rows.isEmpty()) {
            return;
        }
        for (Tuple2<String, Long> row : rows) {
            latestTotals.put(row._1(), row._2());
        }
        notifyAll();
    }

    /**
     * Waits until the totals account for {@code words} words in {@code keys} keys. A variant that fell behind
     * still works through its queued batches after the load ends, so the wait goes on while batches keep
     * completing; it gives up when none has completed for {@code stallTimeoutMs} (false).
     *
     * @param batchesCompleted how many batches the variant has completed so far
     */
    public synchronized boolean awaitTotals(long words, long keys, long stallTimeoutMs, LongSupplier batchesCompleted)
            throws InterruptedException {
        long seen = batchesCompleted.getAsLong();
        long deadline = System.currentTimeMillis() + stallTimeoutMs;
        while (!(sum() == words && latestTotals.size() == keys)) {
            long now = System.currentTimeMillis();
            long completed = batchesCompleted.getAsLong();
            if (completed > seen) {
                seen = completed;
                deadline = now + stallTimeoutMs;
            }
            if (now >= deadline) {
                return false;
            }
            wait(Math.min(deadline - now, 1000));
        }
        return true;
    }

    private long sum() {
        long sum = 0;
        for (long count : latestTotals.values()) {
            sum += count;
        }
        return sum;
    }

    public synchronized Map<String, Long> totals() {
        return new HashMap<>(latestTotals);
    }
}
