package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's JVM that hangs or dies is stopped and reported as a failed run (exit code 1), never waited for forever. */
class RunnerTest {

    @TempDir
    Path tmp;

    /** Starts {@code command} instead of a lab JVM. */
    private static LabJvm jvmRunning(AtomicReference<Process> started, String... command) {
        return new LabJvm() {
            @Override
            public Process bench(List<RunSettings> points, long walkAtLeastKeys, Path dir, Path log,
                                 List<String> jvmOptions) throws IOException {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                started.set(process);
                return process;
            }

            @Override
            public Process recoveryChild(RecoveryChild.Plan plan, Path log, List<String> jvmOptions) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Cluster startCluster(Path dir, int workers, int coresPerWorker) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void aJvmThatHangsIsStoppedAfterItsTimeoutAndReported() {
        AtomicReference<Process> started = new AtomicReference<>();
        Runner runner = Runner.inChild(jvmRunning(started, "bash", "-c", "echo starting; exec sleep 600"), List.of(),
                settings -> 1_000);
        long startMs = System.currentTimeMillis();
        assertThatThrownBy(() -> runner.runOne(RunSettings.builder("update-state").build(), tmp.resolve("run")))
                .isInstanceOf(RunFailedException.class)
                .hasMessage("the run's JVM had not finished 1 s after it started (the longest its runs can take): "
                        + "stopped; last log line: starting");
        assertThat(System.currentTimeMillis() - startMs).isLessThan(60_000);
        assertThat(started.get().isAlive()).isFalse();
    }

    @Test
    void aJvmThatDiesWithoutASummaryIsReported() {
        Runner runner = Runner.inChild(jvmRunning(new AtomicReference<>(), "bash", "-c", "echo out of memory; exit 3"),
                List.of());
        assertThatThrownBy(() -> runner.runOne(RunSettings.builder("update-state").build(), tmp.resolve("run")))
                .isInstanceOf(RunFailedException.class)
                .hasMessage("the run's JVM exited with 3 and wrote no summary; last log line: out of memory");
    }

    @Test
    void theTimeoutCoversTheLongestARunCanTake() {
        RunSettings settings = RunSettings.builder("update-state").warmupMs(10_000).measureMs(60_000).build();
        assertThat(Runner.timeoutMs(settings)).isGreaterThan(settings.maxLoadMs() + settings.verifyTimeoutMs());
    }

    @Test
    void aSweepWhoseRunsFailedIsAFailedRunNotBadInput() {
        Runner failing = (points, walkAtLeastKeys, dir) -> {
            throw new RunFailedException("the run's JVM exited with 1 and wrote no summary");
        };
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertThatThrownBy(() -> Sweep.run(tmp.resolve("sweep"), List.of(RunSettings.builder("update-state")
                .build()), failing, new PrintStream(log, true)))
                .isInstanceOf(RunFailedException.class)
                .hasMessageStartingWith("1 of 1 walks failed");
        assertThat(log.toString()).contains("FAILED: the run's JVM exited with 1 and wrote no summary");
    }
}
