package statelab.harness;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import scala.Tuple2;
import statelab.core.CountsSink;

/**
 * The sink of a measured run: brings nothing to the driver while measuring (the variant still computes every
 * row), then, once armed after the measured window, collects every row of every batch and keeps each word's
 * latest total. The load generator ends its stream by sending every key once more, so after the last batch
 * this map holds every word's final total, whether the variant outputs all totals or only changed ones.
 */
final class VerifyingSink implements CountsSink {

    private volatile boolean armed;
    private final Map<String, Long> latestTotals = new HashMap<>();
    private long batchesSinceArmed;

    /** From the next batch on, collect all rows. */
    void arm() {
        armed = true;
    }

    @Override
    public int rowsWanted() {
        return armed ? ALL : NONE;
    }

    @Override
    public synchronized void accept(long batchTimeMs, List<Tuple2<String, Long>> rows, boolean more) {
        if (!armed || rows.isEmpty()) {
            return;
        }
        for (Tuple2<String, Long> row : rows) {
            latestTotals.put(row._1(), row._2());
        }
        batchesSinceArmed++;
        notifyAll();
    }

    /** Waits until the totals account for {@code words} words in {@code keys} keys; false on timeout. */
    synchronized boolean awaitTotals(long words, long keys, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!(sum() == words && latestTotals.size() == keys)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, 1000));
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

    synchronized Map<String, Long> totals() {
        return new HashMap<>(latestTotals);
    }

    synchronized long batchesSinceArmed() {
        return batchesSinceArmed;
    }
}
