package statelab.core;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import scala.Tuple2;

/**
 * Prints every batch the way {@code DStream.print()} does (a header naming the batch time, then one
 * {@code (word,count)} line per word, sorted by word, "..." past the limit) and keeps the latest batch's rows,
 * all of them when {@code keepAll} is set (for a final counts file).
 *
 * <p>Running totals may come as only the words whose totals changed (Structured Streaming's update mode): with
 * {@code latestTotals} set the sink keeps each word's latest total over all batches instead, which is the same as
 * the latest batch when every batch holds every total.
 */
public final class PrintingSink implements CountsSink {

    private final PrintStream out;
    private final int printLimit;
    private final boolean keepAll;
    private final boolean latestTotals;
    private volatile List<Tuple2<String, Long>> latestRows = List.of();
    private final Map<String, Long> totals = new TreeMap<>();

    public PrintingSink(PrintStream out, int printLimit, boolean keepAll) {
        this(out, printLimit, keepAll, false);
    }

    /** As above; {@code latestTotals}: {@link #latestCounts()} is each word's latest total over all batches. */
    public PrintingSink(PrintStream out, int printLimit, boolean keepAll, boolean latestTotals) {
        if (printLimit < 1) {
            throw new IllegalArgumentException("print limit must be at least 1, got " + printLimit);
        }
        this.out = out;
        this.printLimit = printLimit;
        this.keepAll = keepAll;
        this.latestTotals = latestTotals;
    }

    @Override
    public int rowsWanted(long batchTimeMs) {
        return keepAll ? ALL : printLimit;
    }

    @Override
    public void accept(long batchTimeMs, List<Tuple2<String, Long>> rows, boolean more) {
        boolean cut = more || rows.size() > printLimit;
        out.print(WordCounts.formatBatch(batchTimeMs, cut ? rows.subList(0, Math.min(printLimit, rows.size())) : rows,
                cut));
        out.println();
        out.flush();
        latestRows = List.copyOf(rows);
        if (latestTotals && keepAll) {
            synchronized (totals) {
                rows.forEach(row -> totals.put(row._1(), row._2()));
            }
        }
    }

    /**
     * The latest batch's rows (all of them only when {@code keepAll}); with {@code latestTotals} and
     * {@code keepAll}, each word's latest total over all batches.
     */
    public Map<String, Long> latestCounts() {
        if (latestTotals && keepAll) {
            synchronized (totals) {
                return new TreeMap<>(totals);
            }
        }
        return WordCounts.toMap(latestRows);
    }
}
