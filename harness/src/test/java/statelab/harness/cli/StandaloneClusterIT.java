package statelab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.core.LabException;
import statelab.core.WordCounts;
import statelab.harness.launch.ChildJvm;
import statelab.harness.launch.StandaloneCluster;
import statelab.harness.measure.Experiment;
import statelab.harness.measure.RunSettings;
import statelab.harness.results.RunSummary;
import statelab.loadgen.LedgerSnapshot;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;

/**
 * Stateful variants on a real Spark standalone cluster (a master and a worker in their own JVMs, executors
 * started by the worker), their final counts checked against the load generator's ledger: one run from the
 * lab's own JVM, one submitted from the application jar through SparkSubmit. An integration test: it runs
 * after the application jar is packaged; the two tests share one cluster.
 */
class StandaloneClusterIT {

    @TempDir
    static Path dir;

    private static StandaloneCluster.State state;

    @BeforeAll
    static void startCluster() throws Exception {
        state = StandaloneCluster.start(dir, StandaloneCluster.freePort(), 1, 3, "1g");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        assertThat(StandaloneCluster.stop(dir)).isTrue();
        assertThat(StandaloneCluster.alive(state.masterPid())).isFalse();
        assertThat(StandaloneCluster.read(dir)).isNull();
    }

    @Test
    void updateStateOnTheClusterCountsWhatWasSent() throws Exception {
        assertThat(StandaloneCluster.masterJson(state).path("aliveworkers").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> StandaloneCluster.start(dir, 7077, 1, 3, "1g"))
                .isInstanceOf(LabException.class).hasMessageContaining("already running");

        RunSettings settings = RunSettings.builder("update-state").keys(2_000).rateWordsPerS(20_000)
                .batchMs(500).warmupMs(2_000).measureMs(7_500).checkpointEveryBatches(5).master(state.masterUrl())
                .build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunSummary summary = Experiment.run(settings, dir.resolve("run"), new PrintStream(log, true));

        assertThat(summary.master()).isEqualTo(state.masterUrl());
        assertThat(summary.countsVerified()).as("counts verified; log:%n%s", log).isTrue();
        assertThat(summary.distinctKeys()).isEqualTo(2_000);
    }

    @Test
    void structuredSubmittedFromTheApplicationJarCountsWhatWasSent() throws Exception {
        Path appJar = Path.of(System.getProperty("statelab.app.jar"));
        assertThat(appJar).isRegularFile();
        // 6 s of 20,000 words/s over 2,000 keys, read by the executors through the replay protocol.
        LoadGenConfig load = LoadGenConfig.builder().port(0).rateLinesPerSec(2_000).wordsPerLine(10).keys(2_000)
                .fill(true).seed(5).duration(Duration.ofSeconds(6)).build();
        Path counts = dir.resolve("submitted-counts.tsv");
        Path log = dir.resolve("submit.log");
        try (LoadGenerator generator = LoadGenerator.start(load)) {
            ChildJvm launcher = SubmitCommand.launcher(state.masterUrl(), appJar, List.of("run", "structured",
                    "--port", Integer.toString(generator.port()), "--counts-out", counts.toString(),
                    "--idle-stop", "4s", "--duration", "150s", "--print-limit", "1"));
            assertThat(String.join(" ", launcher.command())).doesNotContain("statelab-core").doesNotContain("picocli");
            Process submitted = launcher.log(log).start();
            try {
                assertThat(submitted.waitFor(180, TimeUnit.SECONDS)).as("submitted run ended").isTrue();
            } finally {
                submitted.destroyForcibly();
            }
            assertThat(submitted.exitValue()).as(Files.readString(log)).isZero();
            assertThat(generator.awaitStreamsDone(Duration.ofSeconds(5))).isTrue();
            LedgerSnapshot ledger = generator.ledger();
            assertThat(ledger.totalWords()).isEqualTo(120_000);
            assertThat(WordCounts.readCountsFile(counts)).as(Files.readString(log)).isEqualTo(ledger.counts());
            assertThat(Files.readString(log)).contains("Time: "); // it printed its batches
        }
    }
}
