package statelab.harness.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import statelab.core.BatchMetrics;

/**
 * Structured Streaming's own figures over a point's measured batches ({@link statelab.core.ProgressFigures}):
 * for each name, the median and the highest value. A batch that does not report a figure does not count for it.
 * Pure.
 */
public final class ProgressSummary {

    private ProgressSummary() {
    }

    /** Each figure's median (the lower middle value for an even count) and maximum over {@code batches}. */
    public static Map<String, RunSummary.ProgressFigure> of(List<BatchMetrics> batches) {
        Map<String, List<Long>> values = new TreeMap<>();
        for (BatchMetrics batch : batches) {
            batch.progress().forEach((name, value) -> values.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
        }
        Map<String, RunSummary.ProgressFigure> figures = new TreeMap<>();
        values.forEach((name, list) -> {
            List<Long> sorted = list.stream().sorted().toList();
            figures.put(name, new RunSummary.ProgressFigure(sorted.get((sorted.size() - 1) / 2),
                    sorted.get(sorted.size() - 1)));
        });
        return figures;
    }
}
