package statelab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.harness.measure.Walk;
import statelab.harness.results.Json;
import statelab.harness.results.Outcome;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SweepSummary;
import statelab.harness.testing.SleepyWordCount;

/**
 * What the harness does with a variant that falls behind, on any machine ({@link SleepyWordCount} sleeps twice
 * the interval every batch): {@code --quit-when-behind} stops at the window's end without draining, a walk ends
 * at its first point behind, and fresh-JVM sweeps skip larger key counts with {@code --stop-when-behind} (unless
 * they must reach {@code --walk-at-least}).
 */
class BehindIT {

    @TempDir
    Path tmp;

    private static final String[] LOAD = {"--rate", "2k", "--batch", "500ms", "--warmup", "500ms", "--measure",
        "7500ms", "--verify-timeout", "20s"};

    private static int lab(String... args) {
        String[] all = new String[args.length + LOAD.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(LOAD, 0, all, args.length, LOAD.length);
        return Lab.commandLine().execute(all);
    }

    @Test
    void quitWhenBehindStopsAtTheWindowsEndWithoutDraining() throws Exception {
        Path out = tmp.resolve("quit");
        assertThat(lab("bench", SleepyWordCount.NAME, "--keys", "1k", "--quit-when-behind", "--out",
                out.toString())).isZero(); // a valid measurement, its counts unchecked

        RunSummary run = Json.read(out.resolve(Json.SUMMARY_FILE), RunSummary.class);
        assertThat(run.keepingUp()).isFalse();
        assertThat(run.outcome()).isEqualTo(Outcome.STOPPED_BEHIND);
        assertThat(run.countsNote()).isEqualTo(Walk.QUIT_NOTE);
        assertThat(run.usable()).isTrue();
        assertThat(run.measuredBatches()).isPositive();
        // Each batch takes twice the interval: the window of 7.5 s completes about 7 of its 15 batches.
        assertThat(run.measuredBatches()).isLessThan(15);
        assertThat(run.medianProcessingMs()).isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void aWalkEndsAtItsFirstPointBehind() throws Exception {
        Path out = tmp.resolve("walk");
        lab("bench", SleepyWordCount.NAME, "--keys", "1k,2k", "--quit-when-behind", "--out", out.toString());
        assertThat(SweepSummary.read(out).runs()).singleElement().satisfies(run -> {
            assertThat(run.keys()).isEqualTo(1_000);
            assertThat(run.walkKeys()).containsExactly(1_000L, 2_000L);
            assertThat(run.outcome()).isEqualTo(Outcome.STOPPED_BEHIND);
        });
    }

    @Test
    void aFreshJvmSweepSkipsLargerKeysOnceBehind() throws Exception {
        Path out = tmp.resolve("sweep");
        lab("sweep", "--variants", SleepyWordCount.NAME, "--keys", "1k,2k", "--fresh-jvm", "--in-process",
                "--stop-when-behind", "--quit-when-behind", "--out", out.toString());
        assertThat(SweepSummary.read(out).runs()).extracting(RunSummary::keys).containsExactly(1_000L);

        Path atLeast = tmp.resolve("sweep-at-least");
        lab("sweep", "--variants", SleepyWordCount.NAME, "--keys", "1k,2k", "--fresh-jvm", "--in-process",
                "--stop-when-behind", "--walk-at-least", "2k", "--quit-when-behind", "--out", atLeast.toString());
        assertThat(SweepSummary.read(atLeast).runs()).extracting(RunSummary::keys).containsExactly(1_000L, 2_000L);
    }
}
