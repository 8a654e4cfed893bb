package statelab.harness.results;

import static statelab.core.LabException.require;

/**
 * A staircase of rates appended to a measured run: a search for the highest sustained rate whose probes are
 * steps of the same run, on the state it already filled, instead of runs of their own. The window's rate is the
 * first point; the first step goes to {@code bounds.fromRate()}; each step sets the load generator's rate, gives
 * it {@code settleMs} to settle and is judged by the batches of the next {@code measureMs}. After a step that was
 * not sustained the rate goes back to the window's until the variant has caught up, before the next (lower)
 * step. At most {@code bounds.maxProbes()} steps.
 */
public record RateSteps(SearchBounds bounds, long settleMs, long measureMs) {

    /** A step's scheduling delay beyond this many batch intervals ends it at once, not sustained. */
    public static final int GIVE_UP_AFTER_BATCHES_DELAY = 3;
    /** How long the backlog of a failed step may take to drain before the staircase gives up. */
    public static final long MAX_DRAIN_MS = 30_000;

    /** Checks the steps against the run they follow. */
    public void validate(long windowRateWordsPerS, long batchMs) {
        require(bounds.fromRate() > windowRateWordsPerS, "--staircase (" + bounds.fromRate()
                + " words/s) must be above the measured rate (" + windowRateWordsPerS + " words/s)");
        require(bounds.factor() > 1, "--staircase-factor must be greater than 1, got " + bounds.factor());
        require(bounds.maxRate() >= bounds.fromRate(), "--staircase-max (" + bounds.maxRate()
                + ") is below --staircase (" + bounds.fromRate() + ")");
        require(bounds.precision() > 1, "--staircase-precision must be greater than 1, got " + bounds.precision());
        require(bounds.maxProbes() >= 1, "--staircase-steps must be at least 1, got " + bounds.maxProbes());
        require(settleMs >= 0, "--step-settle must not be negative");
        require(measureMs >= RunStatistics.MIN_MEASURED_BATCHES * batchMs, "--step-measure " + measureMs
                + " ms is shorter than " + RunStatistics.MIN_MEASURED_BATCHES + " batches of " + batchMs + " ms");
    }

    /** The longest the steps can take (every step with a drain after it), for the load's duration. */
    public long maxDurationMs(long batchMs) {
        return bounds.maxProbes() * (settleMs + measureMs + 2 * batchMs + MAX_DRAIN_MS);
    }
}
