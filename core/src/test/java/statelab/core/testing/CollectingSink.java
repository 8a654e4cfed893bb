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
    public int rowsWanted(long batchTimeMs) {
        return ALL;
    }

    @Override
    public synchronized void accept(long batchTimeMs, List<Tuple2<String, Long>> rows, boolean more) {
        batches.add(WordCounts.toMap(rows));
    }

    public synchronized int size() {
        return batches.size();
    }

    /** The first {@code n} batches' outputs. */
    public synchronized List<Map<String, Long>> first(int n) {
        return List.copyOf(batches.subList(0, n));
    }
}
