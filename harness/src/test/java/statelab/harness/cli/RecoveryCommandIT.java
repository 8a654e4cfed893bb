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
 * {@code lab recovery} on a small state: each variant's JVM is killed once its state has durably counted every key,
 * restarted on its checkpoint, the times are recorded, and the verdict checks that it resumed: exactly, at its
 * checkpoint's offsets, on the replay source; with at most the words in flight lost on the socket source.
 */
class RecoveryCommandIT {

    @TempDir
    Path tmp;

    private static int lab(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Lab.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        if (exit != 0) {
            System.out.println(err);
        }
        return exit;
    }

    @Test
    void measuresRestartAndCatchUpAndVerifiesThatEachRunResumed() throws Exception {
        Path out = tmp.resolve("recovery");
        String[] common = {"--keys", "2k", "--rate", "10k", "--batch", "500ms", "--before-kill", "4s",
            "--after-catch-up", "1s", "--checkpoint-every", "4", "--out", out.toString()};
        assertThat(lab(concat(new String[] {"recovery", "--variants", "map-with-state,structured"}, common)))
                .isZero();
        assertThat(lab(concat(new String[] {"recovery", "--variants", "map-with-state", "--source", "socket"},
                common))).isZero();

        RecoverySummary summary = RecoverySummary.readIfPresent(out);
        assertThat(summary.format()).isEqualTo("statelab-recovery/2");
        assertThat(summary.runs()).extracting(RecoverySummary.Run::label).containsExactly("map-with-state",
                "structured", "map-with-state-socket");
        for (RecoverySummary.Run run : summary.runs()) {
            assertThat(run.fault()).isEqualTo("driver");
            assertThat(run.stateKeys()).isEqualTo(2_000);
            assertThat(run.restartToFirstBatchMs()).isPositive();
            assertThat(run.catchUpMs()).isGreaterThanOrEqualTo(run.restartToFirstBatchMs());
            assertThat(run.countsVerified()).as(run.countsNote()).isTrue();
            assertThat(run.linesCountedBeforeKill()).as("the fill's 200 lines durably counted before the kill")
                    .isGreaterThanOrEqualTo(200);
        }
        for (RecoverySummary.Run run : summary.runs().subList(0, 2)) {
            assertThat(run.source()).isEqualTo("replay");
            assertThat(run.lostWords()).isZero();
            assertThat(run.countsNote()).isEmpty();
            assertThat(run.firstLineAfterRestart()).isGreaterThanOrEqualTo(run.linesCountedBeforeKill())
                    .isLessThanOrEqualTo(run.linesServedBeforeKill());
            assertThat(run.linesServedAgain()).isLessThanOrEqualTo(run.linesServedAgainAllowed());
        }
        RecoverySummary.Run socket = summary.runs().get(2);
        assertThat(socket.source()).isEqualTo("socket");
        assertThat(socket.lostWords()).isLessThanOrEqualTo(socket.lostWordsAllowed());
        assertThat(out.resolve("recovery.png")).isRegularFile();
        assertThat(out.resolve("report.html")).content().contains("restart to first batch ms");
        assertThat(out.resolve("runs/structured-2000keys/batches-after.csv")).isRegularFile();
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
