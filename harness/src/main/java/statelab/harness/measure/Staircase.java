package statelab.harness.measure;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import statelab.core.BatchMetrics;
import statelab.harness.results.RateSteps;
import statelab.harness.results.RunStatistics;
import statelab.harness.results.RunSummary;
import statelab.loadgen.LoadGenerator;

/**
 * A run's staircase of rates ({@link RateSteps}) after its window: each step sets the load generator's rate,
 * lets it settle, and is judged by its batches like a search's probe (a step whose scheduling delay passes
 * {@link RateSteps#GIVE_UP_AFTER_BATCHES_DELAY} intervals ends early, so its backlog stays short); the next rate
 * follows {@link SearchRule}. Before a step after a failed one, the rate goes back to the window's until the
 * variant has caught up.
 */
final class Staircase {

    private final RunSettings settings;
    private final LoadGenerator generator;
    private final Watch watch;
    private final PrintStream log;
    /** Each step's {@code [from, to)}, settling included: their batches are the {@code step} phase. */
    private final List<long[]> windows = new ArrayList<>();

    Staircase(RunSettings settings, LoadGenerator generator, Watch watch, PrintStream log) {
        this.settings = settings;
        this.generator = generator;
        this.watch = watch;
        this.log = log;
    }

    List<long[]> windows() {
        return windows;
    }

    /** Runs the steps after a window whose median batch took {@code windowMedianMs}; returns each step's figures. */
    List<RunSummary.Step> run(long windowMedianMs) throws InterruptedException {
        RateSteps plan = settings.steps();
        List<RunSummary.Step> steps = new ArrayList<>();
        TreeMap<Long, SearchRule.Point> points = new TreeMap<>();
        points.put(settings.rateWordsPerS(), new SearchRule.Point(settings.rateWordsPerS(), true, windowMedianMs));
        long rate = plan.bounds().fromRate();
        while (steps.size() < plan.bounds().maxProbes()) {
            if (!steps.isEmpty() && !steps.get(steps.size() - 1).sustained()) {
                generator.setRateLinesPerSec(settings.shape().rateLinesPerSec());
                if (!watch.awaitDrained(System.currentTimeMillis(), RateSteps.MAX_DRAIN_MS, () -> false)) {
                    log.printf("  steps: not caught up %d s after a failed step: no more steps%n",
                            RateSteps.MAX_DRAIN_MS / 1000);
                    break;
                }
            }
            RunSummary.Step step = step(rate);
            steps.add(step);
            points.put(rate, new SearchRule.Point(rate, step.sustained(), step.medianProcessingMs()));
            SearchRule.Next next = SearchRule.next(points, plan.bounds());
            if (next.conclusion() != null) {
                break;
            }
            rate = next.rateWordsPerS();
        }
        // Back to the measured rate, so what the last step left queued drains while the stream ends.
        generator.setRateLinesPerSec(settings.shape().rateLinesPerSec());
        return steps;
    }

    private RunSummary.Step step(long rate) throws InterruptedException {
        RateSteps plan = settings.steps();
        long batchMs = settings.batchMs();
        generator.setRateLinesPerSec(rate / (double) settings.shape().wordsPerLine());
        long fromMs = System.currentTimeMillis() + plan.settleMs();
        long toMs = fromMs + plan.measureMs();
        long[] window = {fromMs - plan.settleMs(), toMs};
        windows.add(window);
        watch.waitUntil(fromMs);
        Histogram lagBefore = generator.lagHistogramMicros();
        String note = "";
        long giveUpDelayMs = RateSteps.GIVE_UP_AFTER_BATCHES_DELAY * batchMs;
        while (System.currentTimeMillis() < toMs) {
            watch.waitUntil(Math.min(toMs, System.currentTimeMillis() + 100));
            List<BatchMetrics> batches = watch.batches();
            BatchMetrics last = batches.isEmpty() ? null : batches.get(batches.size() - 1);
            if (last != null && last.batchTimeMs() >= fromMs && last.schedulingDelayMs() > giveUpDelayMs) {
                note = String.format("stopped early: scheduling delay %,d ms", last.schedulingDelayMs());
                toMs = System.currentTimeMillis();
                window[1] = toMs;
            }
        }
        boolean behind = watch.fallingBehind(fromMs, toMs);
        double lagP99Ms = Walk.lagP99MsSince(lagBefore, generator);
        List<BatchMetrics> measured = BatchWindows.measuredIn(watch.batches(), fromMs, toMs, behind);
        RunStatistics stats = RunStatistics.of(measured, batchMs);
        boolean keepingUp = stats.keepingUp() && note.isEmpty() && !behind;
        boolean sustained = SearchRule.keptUp(keepingUp, lagP99Ms, batchMs, settings.shape().source().label());
        log.printf("  step %,d words/s: median processing %d ms, max scheduling delay %,d ms, lag p99 %.1f ms: %s%s%n",
                rate, stats.medianProcessingMs(), stats.maxSchedulingDelayMs(), lagP99Ms,
                sustained ? "sustained" : "NOT sustained", note.isEmpty() ? "" : " (" + note + ")");
        return new RunSummary.Step(rate, stats.batches(), stats.medianProcessingMs(), stats.p99ProcessingMs(),
                stats.maxSchedulingDelayMs(), stats.schedulingDelaySlopeMsPerBatch(), keepingUp, lagP99Ms, sustained,
                note);
    }
}
