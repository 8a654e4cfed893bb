package statelab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import statelab.harness.results.RecoverySummary;

/**
 * Faults beyond the driver, on a real standalone cluster of two workers (each its own JVM, executors started by
 * the workers): {@code lab recovery --kill executor} and {@code --kill worker} SIGKILL one executor JVM, or one
 * worker JVM with its executor, while a checkpointed update-state reads the replay source. The driver goes on,
 * Spark reruns the lost tasks (their line ranges are fetched again) and, for the lost state, recomputes it from
 * its last checkpoint; the final counts equal the ledger word by word.
 */
class ClusterFaultsIT {

    @TempDir
    Path tmp;

    private RecoverySummary.Run killOnTheCluster(String fault) {
        Path out = tmp.resolve(fault);
        StringWriter err = new StringWriter();
        CommandLine cli = Lab.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("recovery", "--variants", "update-state", "--kill", fault, "--keys", "2k",
                "--rate", "5k", "--batch", "1s", "--before-kill", "5s", "--after-catch-up", "1s",
                "--checkpoint-every", "4", "--out", out.toString());
        assertThat(exit).as(err.toString()).isZero();
        RecoverySummary.Run run = RecoverySummary.readIfPresent(out).runs().get(0);
        assertThat(run.fault()).isEqualTo(fault);
        assertThat(run.killed()).startsWith(fault.equals("executor") ? "executor JVM pid" : "worker ");
        assertThat(run.countsVerified()).as(run.countsNote()).isTrue();
        assertThat(run.lostWords()).isZero();
        assertThat(run.linesCountedBeforeKill()).isGreaterThanOrEqualTo(200);
        assertThat(run.catchUpMs()).as("caught up after the kill").isPositive();
        assertThat(run.linesServedAgain()).isLessThanOrEqualTo(run.linesServedAgainAllowed());
        assertThat(run.restartToFirstBatchMs()).isPositive();
        assertThat(out.resolve("runs/update-state-" + fault + "-2000keys/batches.csv")).isRegularFile();
        return run;
    }

    @Test
    void anExecutorKilledMidRunIsReplacedAndTheCountsAreExact() {
        killOnTheCluster("executor");
    }

    @Test
    void aWorkerKilledMidRunLeavesTheOtherToFinishWithExactCounts() {
        killOnTheCluster("worker");
    }
}
