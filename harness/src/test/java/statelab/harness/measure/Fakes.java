package statelab.harness.measure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import statelab.harness.results.Outcome;
import statelab.harness.results.RunSummary;

/** Summaries as a runner would report them, without running anything. */
final class Fakes {

    private Fakes() {
    }

    /** Runs one point at a time (a fake's answer per point). */
    @FunctionalInterface
    interface PointRunner {
        RunSummary run(RunSettings settings, Path runDir) throws Exception;
    }

    /** A runner of walks point by point, each point's directory as a walk puts it. */
    static Runner perPoint(PointRunner points) {
        return (walk, walkAtLeastKeys, dir) -> {
            List<RunSummary> done = new ArrayList<>();
            for (RunSettings point : walk) {
                done.add(points.run(point, Walk.pointDirectory(dir, point)));
            }
            return done;
        };
    }

    /** A finished run of {@code settings} with these figures. */
    static RunSummary run(RunSettings settings, boolean keepingUp, boolean verified, long medianMs) {
        return settings.summary().startedAt("2025-01-01T00:00:00Z").measuredBatches(5).medianProcessingMs(medianMs)
                .p99ProcessingMs(medianMs).maxProcessingMs(medianMs).medianNormalProcessingMs(medianMs)
                .medianTotalDelayMs(medianMs).p99TotalDelayMs(medianMs).maxSchedulingDelayMs(0).keepingUp(keepingUp)
                .outcome(verified ? Outcome.VERIFIED : Outcome.FAILED, verified ? "" : "differs").wordsSent(1000)
                .distinctKeys(settings.keys()).loadgenLagP99Ms(0.1).build();
    }
}
