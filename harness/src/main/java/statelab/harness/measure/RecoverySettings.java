package statelab.harness.measure;

import static statelab.core.LabException.require;

import java.util.List;
import java.util.Map;
import statelab.core.Variants;

/**
 * One recovery measurement ({@link Recovery}): the run's {@link RunShape} (the state is filled to its keys and
 * then loaded at its rate) and the kill's timing. Times in milliseconds.
 *
 * @param beforeKillMs   steady load after the fill before the SIGKILL
 * @param afterCatchUpMs steady load after catching up, before the final counts
 * @param maxRecoveryMs  give up on catching up after this long
 * @param jvmOptions     extra options of the variant's JVM (for example -Xmx8g)
 */
public record RecoverySettings(RunShape shape, long beforeKillMs, long afterCatchUpMs, long maxRecoveryMs,
                               List<String> jvmOptions) {

    public RecoverySettings {
        jvmOptions = List.copyOf(jvmOptions);
    }

    public void validate() {
        shape.validate();
        require(Variants.byName(shape.variant()).runningTotals(), shape.variant() + " keeps no state to recover");
        require(beforeKillMs >= 5 * shape.batchMs(), "--before-kill must be at least 5 batches");
        require(afterCatchUpMs >= 0, "--after-catch-up must not be negative");
        require(maxRecoveryMs >= 10_000, "--max-recovery must be at least 10 s");
    }

    public String label() {
        return shape.label();
    }

    /** Variant options for the run, with the variant's measuring defaults. */
    public Map<String, String> effectiveOptions() {
        return shape.measuredOptions();
    }

    /** The fill goes at the rate too: a socket client that reconnects gets the fill again, at no extra load. */
    long fillMs() {
        return (long) Math.ceil(shape.keys() * 1000.0 / shape.rateWordsPerS());
    }
}
