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
 * {@code lab recovery} on a small state: each variant's JVM is killed and restarted on its checkpoint, the
 * times are recorded, and the final counts are checked (exactly on the replay source).
 */
class RecoveryCommandIT {

    @TempDir
    Path tmp;

    @Test
    void measuresRestartAndCatchUpAndVerifiesTheCounts() throws Exception {
        Path out = tmp.resolve("recovery");
        StringWriter err = new StringWriter();
        CommandLine cli = Lab.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("recovery", "--variants", "map-with-state,structured", "--keys", "2k",
                "--rate", "20k", "--batch", "500ms", "--before-kill", "4s", "--after-catch-up", "1s",
                "--out", out.toString());

        assertThat(exit).as(err.toString()).isZero();
        RecoverySummary summary = RecoverySummary.readIfPresent(out);
        assertThat(summary.format()).isEqualTo("statelab-recovery/1");
        assertThat(summary.runs()).extracting(RecoverySummary.Run::label).containsExactly("map-with-state",
                "structured");
        for (RecoverySummary.Run run : summary.runs()) {
            assertThat(run.stateKeys()).isEqualTo(2_000);
            assertThat(run.restartToFirstBatchMs()).isPositive();
            assertThat(run.catchUpMs()).isGreaterThanOrEqualTo(run.restartToFirstBatchMs());
            assertThat(run.countsVerified()).as(run.countsNote()).isTrue();
        }
        RecoverySummary.Run structured = summary.runs().get(1);
        assertThat(structured.source()).isEqualTo("replay");
        assertThat(structured.lostWords()).isZero();
        assertThat(structured.countsNote()).isEmpty();
        assertThat(summary.runs().get(0).source()).isEqualTo("socket");
        assertThat(out.resolve("recovery.png")).isRegularFile();
        assertThat(out.resolve("report.html")).content().contains("restart to first batch ms");
        assertThat(out.resolve("runs/structured-2000keys/batches-after.csv")).isRegularFile();
    }
}
