package statelab.harness.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.core.LabException;

/** Starting a standalone cluster on a busy port fails clearly (the cluster runs themselves: StandaloneClusterIT). */
class StandaloneClusterTest {

    @TempDir
    Path dir;

    @Test
    void aBusyMasterPortIsRefused() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> StandaloneCluster.start(dir, busy.getLocalPort(), 1, 1, "1g"))
                    .isInstanceOf(LabException.class).hasMessageContaining("already in use");
        }
        assertThat(StandaloneCluster.read(dir)).isNull();
    }
}
