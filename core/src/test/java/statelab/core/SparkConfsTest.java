package statelab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --conf KEY=VALUE}: parsed as spark-submit does, refused where the lab or the variant decides. */
class SparkConfsTest {

    private static final String CACHE = "spark.sql.streaming.stateStore.rocksdb.blockCacheSizeMB";

    @Test
    void pairsAreParsedAndTheLastOfAKeyWins() {
        assertThat(SparkConfs.parse(List.of(CACHE + "=64", "spark.sql.streaming.metricsEnabled=true",
                CACHE + "=128", "spark.executor.extraJavaOptions=-Da=b -Dc=d")))
                .containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(CACHE, "128",
                        "spark.sql.streaming.metricsEnabled", "true",
                        "spark.executor.extraJavaOptions", "-Da=b -Dc=d")));
        assertThat(SparkConfs.parse(List.of("spark.a="))).containsEntry("spark.a", "");
    }

    @Test
    void malformedOrForeignPairsAreRefused() {
        for (String pair : List.of("spark.a", "=1", "")) {
            assertThatThrownBy(() -> SparkConfs.parse(List.of(pair))).isInstanceOf(LabException.class)
                    .hasMessageContaining("--conf takes KEY=VALUE").hasMessageContaining("'" + pair + "'");
        }
        for (String pair : List.of("rocksdb.blockCacheSizeMB=1", "spark.=1", "hadoop.tmp.dir=/x")) {
            assertThatThrownBy(() -> SparkConfs.parse(List.of(pair))).isInstanceOf(LabException.class)
                    .hasMessageContaining("not a Spark setting");
        }
    }

    @Test
    void onlyTheStateStoresSettingsShapeTheCheckpoint() {
        Map<String, String> conf = Map.of(CACHE, "64", "spark.sql.streaming.metricsEnabled", "true");
        assertThat(SparkConfs.stateShaping(conf)).containsExactly(Map.entry(CACHE, "64"));
        RunSpec spec = RunSpec.builder("structured").sparkConf(conf).build();
        assertThat(spec.stateShapingSettings(Source.REPLAY)).containsEntry(CACHE, "64")
                .doesNotContainKey("spark.sql.streaming.metricsEnabled");
        assertThat(SparkConfs.toArguments(conf)).containsExactly("--conf", "spark.sql.streaming.metricsEnabled=true",
                "--conf", CACHE + "=64");
    }

    @Test
    void namedSetsAreReadLineByLineAndBadLinesAreNamed() {
        Map<String, Map<String, String>> sets = SparkConfs.parseSets("""
                # the lab's defaults first
                defaults
                big-cache   %s=2048  spark.sql.streaming.stateStore.rocksdb.trackTotalNumberOfRows=false  # both
                small_cache %s=64
                """.formatted(CACHE, CACHE), "sets.txt");
        assertThat(sets.keySet()).containsExactly("defaults", "big-cache", "small_cache");
        assertThat(sets.get("defaults")).isEmpty();
        assertThat(sets.get("big-cache")).containsEntry(CACHE, "2048")
                .containsEntry("spark.sql.streaming.stateStore.rocksdb.trackTotalNumberOfRows", "false").hasSize(2);

        assertThatThrownBy(() -> SparkConfs.parseSets("a\nb/c spark.x=1\n", "sets.txt"))
                .isInstanceOf(LabException.class).hasMessageStartingWith("sets.txt:2: a set starts with its name");
        assertThatThrownBy(() -> SparkConfs.parseSets("a\n\na spark.x=1\n", "sets.txt"))
                .hasMessage("sets.txt:3: the set 'a' is named twice");
        assertThatThrownBy(() -> SparkConfs.parseSets("a spark.x\n", "sets.txt"))
                .hasMessageStartingWith("sets.txt:1: --conf takes KEY=VALUE");
        assertThatThrownBy(() -> SparkConfs.parseSets("a x=1\n", "sets.txt"))
                .hasMessageStartingWith("sets.txt:1: --conf x=1: not a Spark setting");
        assertThatThrownBy(() -> SparkConfs.parseSets("# nothing\n\n", "sets.txt"))
                .hasMessage("sets.txt: no set of settings in it");
    }
}
