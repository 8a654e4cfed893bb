package statelab.harness.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import statelab.core.SparkConfs;

/** {@code --conf KEY=VALUE}, as spark-submit takes it (a picocli mixin of every command that starts Spark). */
final class SparkConfOption {

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting, applied after the lab's own; repeat for more, e.g. --conf "
                    + SparkConfs.STATE_STORE_PREFIX + "rocksdb.blockCacheSizeMB=1024. A state store's settings are "
                    + "part of its checkpoint's: a restart with other ones is refused.")
    List<String> pairs = new ArrayList<>();

    /** The settings given, parsed (a malformed pair is refused here; what applies to a variant is checked later). */
    Map<String, String> settings() {
        return SparkConfs.parse(pairs);
    }
}
