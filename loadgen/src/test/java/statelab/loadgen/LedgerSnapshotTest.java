package statelab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerSnapshotTest {

    @TempDir
    Path dir;

    private static LedgerSnapshot sample() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("blue", 5L);
        counts.put("green", 5L);
        counts.put("gohawks", 1L);
        counts.put("你好", 2L);
        LedgerSnapshot.ClientSnapshot client = new LedgerSnapshot.ClientSnapshot(1, "127.0.0.1:40001",
                1_700_000_000_000L, 4, 13, 4, counts);
        return new LedgerSnapshot(4, 13, 4, counts, List.of(client));
    }

    @Test
    void jsonHasTheDocumentedShape() {
        assertThat(sample().toJson()).isEqualTo("{\"totalLines\":4,\"totalWords\":13,\"distinctKeys\":4,"
                + "\"counts\":{\"blue\":5,\"green\":5,\"gohawks\":1,\"你好\":2},"
                + "\"clients\":[{\"clientId\":1,\"remote\":\"127.0.0.1:40001\",\"connectedAtEpochMs\":1700000000000,"
                + "\"totalLines\":4,\"totalWords\":13,\"distinctKeys\":4,"
                + "\"counts\":{\"blue\":5,\"green\":5,\"gohawks\":1,\"你好\":2}}]}");
        assertThat(sample().toJson(false)).isEqualTo("{\"totalLines\":4,\"totalWords\":13,\"distinctKeys\":4,"
                + "\"clients\":[{\"clientId\":1,\"remote\":\"127.0.0.1:40001\",\"connectedAtEpochMs\":1700000000000,"
                + "\"totalLines\":4,\"totalWords\":13,\"distinctKeys\":4}]}");
    }

    @Test
    void aWrittenFileReadsBackEqual() throws Exception {
        Path file = dir.resolve("ledger.json");
        sample().writeJson(file);
        LedgerSnapshot read = LedgerSnapshot.readJson(file);
        assertThat(read).isEqualTo(sample());
        assertThat(read.counts().keySet()).containsExactly("blue", "green", "gohawks", "你好");
        assertThat(read.count("blue")).isEqualTo(5);
        assertThat(read.count("red")).isZero();
    }

    @Test
    void aLedgerWithoutCountsReadsBackWithEmptyCounts() throws Exception {
        Path file = Files.writeString(dir.resolve("slim.json"), sample().toJson(false));
        LedgerSnapshot read = LedgerSnapshot.readJson(file);
        assertThat(read.totalWords()).isEqualTo(13);
        assertThat(read.counts()).isEmpty();
        assertThat(read.clients().get(0).counts()).isEmpty();
    }
}
