package statelab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointDirsTest {

    @TempDir
    Path tmp;

    @Test
    void aNewDirectoryStartsFreshAndTheSameRunResumes() {
        Path dir = tmp.resolve("cp");
        assertThat(CheckpointDirs.prepare(dir, "update-state", Map.of("batchMs", "1000"), false))
                .isEqualTo(CheckpointDirs.Start.FRESH);
        assertThat(CheckpointDirs.prepare(dir, "update-state", Map.of("batchMs", "1000"), false))
                .isEqualTo(CheckpointDirs.Start.RESUME);
    }

    @Test
    void anotherVariantsCheckpointIsRefusedAndKept() throws Exception {
        Path dir = tmp.resolve("cp");
        CheckpointDirs.prepare(dir, "update-state", Map.of("batchMs", "1000"), false);
        Files.writeString(dir.resolve("state-file"), "precious");

        assertThatThrownBy(() -> CheckpointDirs.prepare(dir, "map-with-state", Map.of("batchMs", "500"), false))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("batchMs was 1000, now 500")
                .hasMessageContaining("variant was update-state, now map-with-state")
                .hasMessageContaining("nothing was deleted");
        assertThat(dir.resolve("state-file")).hasContent("precious");
    }

    @Test
    void freshStartsOverOnTheLabsOwnCheckpoint() throws Exception {
        Path dir = tmp.resolve("cp");
        CheckpointDirs.prepare(dir, "update-state", Map.of(), false);
        Files.writeString(dir.resolve("state-file"), "old");

        assertThat(CheckpointDirs.prepare(dir, "map-with-state", Map.of(), true)).isEqualTo(CheckpointDirs.Start.FRESH);
        assertThat(dir.resolve("state-file")).doesNotExist();
    }

    @Test
    void aForeignDirectoryIsNeverTouchedEvenWithFresh() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(dir.resolve("holiday.jpg"), "not a checkpoint");

        assertThatThrownBy(() -> CheckpointDirs.prepare(dir, "update-state", Map.of(), true))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("was not written by statelab");
        assertThat(dir.resolve("holiday.jpg")).hasContent("not a checkpoint");
    }

    @Test
    void anUnwritableDirectoryIsReported() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThatThrownBy(() -> CheckpointDirs.prepare(file.resolve("cp"), "update-state", Map.of(), false))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("cannot be created");
    }
}
