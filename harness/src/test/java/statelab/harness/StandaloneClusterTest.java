package statelab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.core.LabException;

/**
 * A stateful variant on a real Spark standalone cluster (a master and a worker in their own JVMs, executors
 * started by the worker), its final counts checked against the load generator's ledger.
 */
class StandaloneClusterTest {

    @TempDir
    Path dir;

    @Test
    void updateStateOnAStandaloneClusterCountsWhatWasSent() throws Exception {
        int port = StandaloneCluster.freePort();
        StandaloneCluster.State state = StandaloneCluster.start(dir, port, 1, 3, "1g");
        try {
            assertThat(StandaloneCluster.masterJson(state).path("aliveworkers").asInt()).isEqualTo(1);
            assertThatThrownBy(() -> StandaloneCluster.start(dir, port, 1, 3, "1g"))
                    .isInstanceOf(LabException.class).hasMessageContaining("already running");

            Experiment.Settings settings = Experiment.Settings.of("update-state", 2_000, 20_000, 1_000, 2_000, 5_000)
                    .withMaster(state.masterUrl());
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            RunSummary summary = Experiment.run(settings, dir.resolve("run"), new PrintStream(log, true));

            assertThat(summary.master()).isEqualTo(state.masterUrl());
            assertThat(summary.countsVerified()).as("counts verified; log:%n%s", log).isTrue();
            assertThat(summary.distinctKeys()).isEqualTo(2_000);
        } finally {
            assertThat(StandaloneCluster.stop(dir)).isTrue();
        }
        assertThat(StandaloneCluster.alive(state.masterPid())).isFalse();
        assertThat(StandaloneCluster.read(dir)).isNull();
    }

    @Test
    void aBusyMasterPortIsRefused() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> StandaloneCluster.start(dir, busy.getLocalPort(), 1, 1, "1g"))
                    .isInstanceOf(LabException.class).hasMessageContaining("already in use");
        }
        assertThat(StandaloneCluster.read(dir)).isNull();
    }
}
