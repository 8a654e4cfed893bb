package statelab.harness.measure;

import static statelab.core.LabException.require;

import java.util.List;
import java.util.Map;
import statelab.core.Variants;

/**
 * One recovery measurement ({@link Recovery}): the run's {@link RunShape} (the state is filled to its keys and
 * then loaded at its rate), what is killed and when. Times in milliseconds.
 *
 * @param fault                  what is killed: the driver, an executor or a worker (the latter two on a
 *                               standalone cluster the measurement starts)
 * @param beforeKillMs           steady load after the fill before the SIGKILL (at least; the kill also waits until
 *                               the state has durably counted every key)
 * @param afterCatchUpMs         steady load after catching up, before the final counts
 * @param maxRecoveryMs          give up on catching up after this long
 * @param checkpointEveryBatches the DStream variants' state checkpoint interval, in batches
 * @param jvmOptions             extra options of the variant's JVM (for example -Xmx8g)
 */
public record RecoverySettings(RunShape shape, Fault fault, long beforeKillMs, long afterCatchUpMs,
                               long maxRecoveryMs, int checkpointEveryBatches, List<String> jvmOptions) {

    public RecoverySettings {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** A driver kill with the default checkpoint interval. */
    public RecoverySettings(RunShape shape, long beforeKillMs, long afterCatchUpMs, long maxRecoveryMs,
                            List<String> jvmOptions) {
        this(shape, Fault.DRIVER, beforeKillMs, afterCatchUpMs, maxRecoveryMs,
                RunSettings.DEFAULT_CHECKPOINT_EVERY_BATCHES, jvmOptions);
    }

    public void validate() {
        shape.validate();
        require(Variants.byName(shape.variant()).runningTotals(), shape.variant() + " keeps no state to recover");
        require(beforeKillMs >= 5 * shape.batchMs(), "--before-kill must be at least 5 batches");
        require(afterCatchUpMs >= 0, "--after-catch-up must not be negative");
        require(maxRecoveryMs >= 10_000, "--max-recovery must be at least 10 s");
        require(checkpointEveryBatches >= 1, "--checkpoint-every must be at least 1 batch, got "
                + checkpointEveryBatches);
    }

    public String label() {
        return shape.label();
    }

    /** The run's folder name: the label, the fault when it is not the driver, and the keys. */
    public String directoryName() {
        return statelab.harness.results.RunSummary.directoryName(fault == Fault.DRIVER ? label()
                : label() + "-" + fault.label(), shape.keys());
    }

    /** Lines of the fill (every key once): the state must have durably counted them before the kill. */
    long fillLines() {
        return (shape.keys() + shape.wordsPerLine() - 1) / shape.wordsPerLine();
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
