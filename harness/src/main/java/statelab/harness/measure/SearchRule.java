package statelab.harness.measure;

import java.util.Map;
import java.util.TreeMap;
import statelab.core.Source;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SearchBounds;

/**
 * The search for the highest sustained rate as pure rules, apart from whatever runs the probes ({@link Search},
 * or a staircase of one run's steps, {@link Staircase}).
 *
 * <p>A rate is <em>sustained</em> when its probe keeps up (scheduling delay not growing, median batch within
 * the interval), its counts equal the ledger, and the load generator's p99 lag behind its schedule stayed within
 * one batch interval (so the source read everything as it was sent). From {@code fromRate} the rate goes up by
 * {@code factor} while probes are sustained (up to {@code maxRate}), down while they are not (to {@code minRate}),
 * then bisects (geometric mean) between the highest sustained and the lowest failed rate until they are within
 * {@code precision} of each other; it stops going down when a lower rate did not make batches at least 10%
 * faster: then the per-batch cost is set by the state, not the rate, and no lower rate will be sustained either.
 */
public final class SearchRule {

    private SearchRule() {
    }

    /** A rate tried: whether it was sustained, and its median batch. */
    public record Point(long rateWordsPerS, boolean sustained, long medianProcessingMs) {
    }

    /** What a search does next: try {@code rateWordsPerS}, or stop with {@code conclusion} (then non-null). */
    public record Next(long rateWordsPerS, String conclusion) {
    }

    /**
     * The next rate, given the rates tried so far: up by the factor while everything was sustained, down by it
     * while nothing was (unless a lower rate did not make batches 10% faster: then the state sets the cost), then
     * the geometric mean of the bracket until it is within the precision. Never proposes a rate already tried.
     */
    public static Next next(TreeMap<Long, Point> points, SearchBounds bounds) {
        Long ok = highestSustained(points);
        Long bad = lowestFailed(points, ok);
        if (bad == null) {
            return ok >= bounds.maxRate() ? new Next(-1, "sustained the highest rate searched (--max)")
                    : new Next(Math.min(bounds.maxRate(), nice(ok * bounds.factor())), null);
        }
        if (ok == null) {
            Point lowest = points.get(bad);
            Map.Entry<Long, Point> above = points.higherEntry(bad);
            if (above != null && lowest.medianProcessingMs() > 0.9 * above.getValue().medianProcessingMs()) {
                return new Next(-1, String.format("not rate-bound: batches took %,d ms at %,d words/s and %,d ms at "
                                + "%,d words/s; the state, not the rate, sets the cost", lowest.medianProcessingMs(),
                                bad,
                        above.getValue().medianProcessingMs(), above.getKey()));
            }
            return bad <= bounds.minRate() ? new Next(-1, "not sustained even at the lowest rate searched (--min)")
                    : new Next(Math.max(bounds.minRate(), nice(bad / bounds.factor())), null);
        }
        if (bad / (double) ok <= bounds.precision()) {
            return new Next(-1, String.format("highest sustained rate within %.2fx", bounds.precision()));
        }
        long rate = nice(Math.sqrt(ok * (double) bad));
        return rate <= ok || rate >= bad ? new Next(-1, "rates between the bracket's ends round to its ends")
                : new Next(rate, null);
    }

    /** The highest sustained rate tried, or null. */
    public static Long highestSustained(TreeMap<Long, Point> points) {
        return points.descendingMap().values().stream().filter(Point::sustained).map(Point::rateWordsPerS)
                .findFirst().orElse(null);
    }

    /** The lowest failed rate above the highest sustained one (a noisy failure below it does not count), or null. */
    public static Long lowestFailed(TreeMap<Long, Point> points, Long highestSustained) {
        return points.values().stream()
                .filter(p -> !p.sustained() && (highestSustained == null || p.rateWordsPerS() > highestSustained))
                .map(Point::rateWordsPerS).findFirst().orElse(null);
    }

    /** Kept up, counted right, and the load generator was not held back ({@link #keptUp}). */
    public static boolean sustained(RunSummary run) {
        return run.countsVerified() && keptUp(run.keepingUp(), run.loadgenLagP99Ms(), run.batchMs(), run.source());
    }

    /**
     * Kept up and the source read everything as it came: a receiver that cannot read fast enough slows the
     * socket, which Spark's delays do not show but the generator's lag behind schedule does (p99 within one batch
     * interval). The replay source pulls instead: a line waits there for the next batch to fetch it, so its lag
     * is up to an interval more by design, and a reader that falls behind shows in the scheduling delay.
     */
    public static boolean keptUp(boolean keepingUp, double loadgenLagP99Ms, long batchMs, String source) {
        boolean pulled = Source.REPLAY.label().equals(source);
        return keepingUp && loadgenLagP99Ms <= (pulled ? 2 : 1) * batchMs;
    }

    /** Rounds a rate to two significant digits, so probes run at readable rates (1,200,000 not 1,234,567). */
    public static long nice(double rate) {
        if (rate < 100) {
            return Math.max(1, Math.round(rate));
        }
        double scale = Math.pow(10, Math.floor(Math.log10(rate)) - 1);
        return (long) (Math.round(rate / scale) * scale);
    }
}
