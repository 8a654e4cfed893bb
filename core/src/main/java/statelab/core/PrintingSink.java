package statelab.core;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import scala.Tuple2;

/**
 * Prints every batch the way {@code DStream.print()} does (a header naming the batch time, then one
 * {@code (word,count)} line per word, sorted by word, "..." past the limit) and keeps the latest batch's rows,
 * all of them when {@code keepAll} is set (for a final counts file).
 */
public final class PrintingSink implements CountsSink {

    private final PrintStream out;
    private final int printLimit;
    private final boolean keepAll;
    private volatile List<Tuple2<String, Long>> latestRows = List.of();

    public PrintingSink(PrintStream out, int printLimit, boolean keepAll) {
        if (printLimit < 1) {
            throw new IllegalArgumentException("print limit must be at least 1, got " + printLimit);
        }
        this.out = out;
        this.printLimit = printLimit;
        this.keepAll = keepAll;
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
    }

    /** The latest batch's rows (all of them only when {@code keepAll}). */
    public Map<String, Long> latestCounts() {
        return WordCounts.toMap(latestRows);
    }
}
