package statelab.core;

import java.util.List;
import scala.Tuple2;

/**
 * Where a running job's per-batch word counts go, on the driver.
 *
 * <p>The sink decides, batch by batch, how many rows (sorted by word) it wants brought to the driver:
 * {@link #NONE} only materialises the batch's result on the executors (the no-op sink every variant gets when
 * measured), a small number prints a preview like {@code DStream.print()}, {@link #ALL} collects everything
 * (final counts, tests). The answer may change between batches (ask for everything once, at the end).
 */
public interface CountsSink {

    int NONE = 0;
    int ALL = Integer.MAX_VALUE;

    /**
     * Rows wanted from the batch of {@code batchTimeMs} (a DStream batch's time; for Structured Streaming the time
     * its output runs), sorted by word. Asked per batch, so a sink can start collecting at a batch boundary rather
     * than part-way through a batch whose output jobs are already running.
     */
    int rowsWanted(long batchTimeMs);

    /**
     * One batch's output.
     *
     * @param batchTimeMs the batch time
     * @param rows        at most {@link #rowsWanted(long)} rows, sorted by word (empty when none were wanted)
     * @param more        whether the batch had more rows than were brought to the driver
     */
    void accept(long batchTimeMs, List<Tuple2<String, Long>> rows, boolean more);
}
