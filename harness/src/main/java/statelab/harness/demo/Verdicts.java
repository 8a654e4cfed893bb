package statelab.harness.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import statelab.core.Source;
import statelab.harness.results.ClimbSummary;
import statelab.harness.results.RunSummary;

/**
 * The demo's lessons as verdicts on its own results, pure rules so they can be checked on recorded data:
 * <ol>
 *   <li>the chapter's anti-pattern falls behind while mapWithState, at the same load, keeps up;</li>
 *   <li>at the largest state the walk measured, updateStateByKey takes at least {@value #MIN_UPDATE_OVER_MAP}
 *       times mapWithState's time per batch (the ratio of their medians, with its spread from their windows);</li>
 *   <li>every measured point's counts equal the load generator's ledger.</li>
 * </ol>
 */
public final class Verdicts {

    /** How much slower updateStateByKey must be at the largest state for the lesson to count as shown. */
    public static final double MIN_UPDATE_OVER_MAP = 2.5;

    /** One lesson: what was seen, and whether it shows what the lesson says. */
    public record Verdict(String lesson, String seen, boolean holds) {
    }

    private Verdicts() {
    }

    /** The verdicts on a climb of the anti-pattern beside mapWithState, and on the walks' points. */
    public static List<Verdict> of(ClimbSummary climb, List<RunSummary> points) {
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(antiPattern(climb));
        verdicts.add(updateOverMap(points));
        verdicts.add(counts(points));
        return verdicts;
    }

    static Verdict antiPattern(ClimbSummary climb) {
        String lesson = "the table re-aggregation falls behind, mapWithState at the same load keeps up";
        Optional<ClimbSummary.Climb> table = find(climb, "table-reaggregation");
        Optional<ClimbSummary.Climb> map = find(climb, "map-with-state");
        if (table.isEmpty() || map.isEmpty()) {
            return new Verdict(lesson, "not measured", false);
        }
        ClimbSummary.Climb t = table.get();
        ClimbSummary.Climb m = map.get();
        String seen = String.format("table-reaggregation: %,d ms per batch at first, %,d ms after %d batches, %s; "
                        + "map-with-state: %,d ms at first, %,d ms after %d batches, %s", t.firstProcessingMs(),
                t.lastProcessingMs(), t.batches().size(), climbed(t, climb.batchMs()), m.firstProcessingMs(),
                m.lastProcessingMs(), m.batches().size(), climbed(m, climb.batchMs()));
        return new Verdict(lesson, seen, t.fellBehind() && !m.fellBehind() && m.crossedAtBatch() < 0);
    }

    private static String climbed(ClimbSummary.Climb c, long batchMs) {
        if (c.crossedAtBatch() < 0) {
            return "within the " + batchMs + " ms interval";
        }
        return "over the interval from batch " + c.crossedAtBatch() + (c.fellBehind()
                ? String.format(", scheduling delay %,d ms and climbing: FALLING BEHIND", c.schedulingDelayAtEndMs())
                : "");
    }

    /** The climb of {@code variant} on whichever source it read (a climb is named by its run's label). */
    private static Optional<ClimbSummary.Climb> find(ClimbSummary climb, String variant) {
        return climb.climbs().stream().filter(c -> Arrays.stream(Source.values())
                .anyMatch(source -> c.variant().equals(RunSummary.label(variant, source.label())))).findFirst();
    }

    static Verdict updateOverMap(List<RunSummary> points) {
        String lesson = String.format("at the largest state updateStateByKey takes at least %.1fx mapWithState's "
                + "time per batch", MIN_UPDATE_OVER_MAP);
        long largest = points.stream().filter(p -> p.variant().equals("map-with-state")).mapToLong(RunSummary::keys)
                .max().orElse(-1);
        Optional<RunSummary> update = point(points, "update-state", largest);
        Optional<RunSummary> map = point(points, "map-with-state", largest);
        if (update.isEmpty() || map.isEmpty()) {
            return new Verdict(lesson, "not measured at the same state size", false);
        }
        RunSummary u = update.get();
        RunSummary m = map.get();
        double ratio = u.medianProcessingMs() / (double) Math.max(1, m.medianProcessingMs());
        double low = Math.max(1, u.medianProcessingMinMs()) / (double) Math.max(1, m.medianProcessingMaxMs());
        double high = Math.max(1, u.medianProcessingMaxMs()) / (double) Math.max(1, m.medianProcessingMinMs());
        String seen = String.format("at %,d keys: updateStateByKey %,d ms, mapWithState %,d ms per batch: %.1fx "
                + "(%.1f..%.1f over their windows)", largest, u.medianProcessingMs(), m.medianProcessingMs(), ratio,
                low, high);
        return new Verdict(lesson, seen, ratio >= MIN_UPDATE_OVER_MAP);
    }

    private static Optional<RunSummary> point(List<RunSummary> points, String variant, long keys) {
        return points.stream().filter(p -> p.variant().equals(variant) && p.keys() == keys).findFirst();
    }

    static Verdict counts(List<RunSummary> points) {
        long wrong = points.stream().filter(p -> !p.countsVerified()).count();
        return new Verdict("every count equals the load generator's ledger", points.isEmpty() ? "nothing measured"
                : wrong == 0 ? "all " + points.size() + " points verified word by word"
                : wrong + " of " + points.size() + " points NOT verified", !points.isEmpty() && wrong == 0);
    }
}
