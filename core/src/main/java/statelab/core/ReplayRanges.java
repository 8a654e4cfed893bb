package statelab.core;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The line range of every batch a {@link ReplayInputDStream} made, by batch time: what its checkpoint holds so a
 * restarted context reads its batches again exactly. A batch's range is decided once, when it is first asked
 * for, and answered from here every later time (also after a restart); a new batch starts where the newest one
 * ended. Batches Spark will never ask for again are forgotten, so the checkpoint stays small.
 */
final class ReplayRanges implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Lines {@code from} (inclusive) to {@code to} (exclusive). */
    record Range(long from, long to) implements Serializable {
        long lines() {
            return to - from;
        }
    }

    /** Batch time (ms) to its range. */
    private final TreeMap<Long, Range> byTime = new TreeMap<>();
    /** Where the next new batch starts: the end of the newest batch ever recorded. */
    private long end;
    /** The newest batch time ever recorded; -1 before the first. */
    private long newestMs = -1;

    /** The range recorded for {@code timeMs}, or null when none is. */
    synchronized Range recorded(long timeMs) {
        return byTime.get(timeMs);
    }

    /**
     * The range of {@code timeMs}: as recorded, or, for a batch newer than any recorded, the lines from the end of
     * the newest one to {@code linesDue} (what is due by its time), recorded now.
     *
     * @throws LabException for a time older than the newest recorded that is not recorded: its lines are unknown,
     *                      and reading it from what is due now would count lines twice or lose them
     */
    synchronized Range rangeOf(long timeMs, java.util.function.LongSupplier linesDue) {
        Range known = byTime.get(timeMs);
        if (known != null) {
            return known;
        }
        if (timeMs <= newestMs) {
            throw new LabException("the replay input was asked for batch " + timeMs + ", which it has no record of"
                    + " (its records go from " + (byTime.isEmpty() ? "nothing" : byTime.firstKey()) + " to " + newestMs
                    + "); the checkpoint does not hold that batch's lines");
        }
        Range range = new Range(end, Math.max(end, linesDue.getAsLong()));
        byTime.put(timeMs, range);
        end = range.to();
        newestMs = timeMs;
        return range;
    }

    /** Forgets the batches before {@code timeMs}: Spark asks for none of them again. */
    synchronized void forgetBefore(long timeMs) {
        byTime.headMap(timeMs, false).clear();
    }

    /** How many batches are recorded. */
    synchronized int size() {
        return byTime.size();
    }

    /** The oldest recorded batch time, or -1. */
    synchronized long oldestMs() {
        return byTime.isEmpty() ? -1 : byTime.firstKey();
    }

    /** A copy of what is recorded, by batch time. */
    synchronized Map<Long, Range> all() {
        return new TreeMap<>(byTime);
    }
}
