package statelab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lab's Spark settings: RocksDB's apply unless a run's --conf names the key itself; checkpoint files. */
class SparkSettingsTest {

    private static final String CACHE = "spark.sql.streaming.stateStore.rocksdb.blockCacheSizeMB";

    @Test
    void withoutSettingsOfItsOwnARunGetsTheLabsRocksDbSettings() {
        assertThat(SparkSettings.rocksDbDefaults(Map.of())).containsOnly(entry(CACHE, "256"),
                entry(SparkSettings.ROCKSDB_TRACK_ROWS, "false"));
    }

    @Test
    void aRunsOwnSettingWinsAndTheOthersStay() {
        Map<String, String> conf = Map.of(SparkSettings.ROCKSDB_TRACK_ROWS, "true", "spark.sql.adaptive.enabled",
                "false");
        assertThat(SparkSettings.rocksDbDefaults(conf)).containsOnly(entry(CACHE, "256"));
        assertThat(SparkSettings.rocksDbDefaults(Map.of(CACHE, "64", SparkSettings.ROCKSDB_TRACK_ROWS, "true")))
                .isEmpty();
    }

    @Test
    void checkpointFilesAreWrittenThroughHadoopsFileSystemApiUnlessARunSaysOtherwise() throws Exception {
        String manager = SparkSettings.conf(RunSpec.builder("structured").build())
                .get(SparkSettings.CHECKPOINT_FILE_MANAGER);

        assertThat(manager).isEqualTo("org.apache.spark.sql.execution.streaming.FileSystemBasedCheckpointFileManager");
        assertThat(Class.forName(manager)).as("a class of this Spark").isNotNull();
        String own = "org.apache.spark.sql.execution.streaming.FileContextBasedCheckpointFileManager";
        assertThat(SparkSettings.conf(RunSpec.builder("structured").sparkConf(SparkSettings.CHECKPOINT_FILE_MANAGER,
                own).build()).get(SparkSettings.CHECKPOINT_FILE_MANAGER)).isEqualTo(own);
    }
}
