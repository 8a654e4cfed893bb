package statelab.harness.measure;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import statelab.core.BatchMetrics;

/**
 * How a run's output is checked against the load generator's ledger: pure rules, no waiting. Each returns null
 * when the output is right, otherwise what differs in a line a person can act on.
 */
public final class Verification {

    private Verification() {
    }

    /**
     * Running totals: the final totals must equal the ledger word by word.
     *
     * @param caughtUp       whether the final counts came in before the variant stalled
     * @param verifyTimeoutMs how long the wait for them lasted without a batch completing
     */
    public static String totals(boolean caughtUp, Map<String, Long> counted, Map<String, Long> sent,
                                List<BatchMetrics> batches, long verifyTimeoutMs) {
        if (counted.equals(sent)) {
            return null;
        }
        if (!caughtUp) {
            long lastDelay = batches.isEmpty() ? -1 : batches.get(batches.size() - 1).schedulingDelayMs();
            return "no batch completed for " + verifyTimeoutMs / 1000 + " s before the final counts were in "
                    + "(last scheduling delay " + lastDelay + " ms); counted " + counted.size() + " of " + sent.size()
                    + " words";
        }
        return differences(counted, sent);
    }

    /** Null when {@code counted} equals {@code sent} word by word; otherwise how many words differ, with examples. */
    public static String differences(Map<String, Long> counted, Map<String, Long> sent) {
        if (counted.equals(sent)) {
            return null;
        }
        Map<String, String> differences = new TreeMap<>();
        for (Map.Entry<String, Long> e : sent.entrySet()) {
            Long got = counted.get(e.getKey());
            if (!e.getValue().equals(got)) {
                differences.put(e.getKey(), "sent " + e.getValue() + ", counted " + got);
            }
        }
        counted.keySet().stream().filter(w -> !sent.containsKey(w)).forEach(w -> differences.put(w, "never sent"));
        return differences.size() + " words differ from the ledger, e.g. "
                + differences.entrySet().stream().limit(3).map(e -> e.getKey() + " (" + e.getValue() + ")")
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    /**
     * Each batch's own counts (no running totals): every line sent must have been processed exactly once, as the
     * lines Spark reports per batch add up.
     */
    public static String lines(boolean caughtUp, long linesSent, List<BatchMetrics> batches) {
        long processed = linesProcessed(batches);
        if (processed == linesSent) {
            return null;
        }
        return (caughtUp ? "" : "gave up waiting: ") + "processed " + processed + " lines, the ledger says "
                + linesSent + " were sent";
    }

    static long linesProcessed(List<BatchMetrics> batches) {
        return batches.stream().mapToLong(b -> Math.max(0, b.inputLines())).sum();
    }
}
