package statelab.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Extra Spark settings given as {@code --conf KEY=VALUE}, as spark-submit takes them: parsed, and checked against
 * what the lab sets itself and against the variant they are for. Pure rules, no Spark started.
 *
 * <p>A state store's settings ({@value #STATE_STORE_PREFIX}*) shape what a checkpoint holds, so they are part of
 * its settings ({@link RunSpec#stateShapingSettings}): a restart with different ones is refused.
 */
public final class SparkConfs {

    /** Settings of Structured Streaming's state store, for example its RocksDB block cache. */
    public static final String STATE_STORE_PREFIX = "spark.sql.streaming.stateStore.";

    /** Settings the lab chooses itself, each with the option that sets it instead. */
    private static final Map<String, String> OWNED = Map.of(
            "spark.master", "--master",
            "spark.driver.host", "nothing: the lab keeps the driver on 127.0.0.1",
            "spark.driver.bindAddress", "nothing: the lab keeps the driver on 127.0.0.1",
            "spark.sql.shuffle.partitions", "--partitions",
            "spark.default.parallelism", "--partitions",
            "spark.ui.enabled", "--ui",
            STATE_STORE_PREFIX + "providerClass", "--state-store hdfs|rocksdb (or the variant structured-rocksdb)");

    private static final Pattern SET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private SparkConfs() {
    }

    /** {@code KEY=VALUE} pairs as a map, later pairs winning; a pair without a key or {@code =} is refused. */
    public static Map<String, String> parse(List<String> pairs) {
        Map<String, String> conf = new TreeMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new LabException("--conf takes KEY=VALUE (for example --conf "
                        + STATE_STORE_PREFIX + "rocksdb.blockCacheSizeMB=1024), got '" + pair + "'");
            }
            String key = pair.substring(0, eq).trim();
            if (!key.startsWith("spark.") || key.length() == "spark.".length()) {
                throw new LabException("--conf " + pair + ": not a Spark setting (its key must start with spark.)");
            }
            conf.put(key, pair.substring(eq + 1));
        }
        return conf;
    }

    /**
     * Named sets of settings, one per line of {@code text}: a name (letters, digits, {@code -} and {@code _}), then
     * its {@code KEY=VALUE} pairs separated by spaces, none for the lab's defaults; {@code #} starts a comment. A
     * sweep runs every variant with each set ({@code --conf-sets FILE}). Errors name {@code source} and the line.
     */
    public static Map<String, Map<String, String>> parseSets(String text, String source) {
        Map<String, Map<String, String>> sets = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            String[] words = line.split("\\s+");
            if (!SET_NAME.matcher(words[0]).matches()) {
                throw new LabException(where + "a set starts with its name (letters, digits, - and _), got '"
                        + words[0] + "'");
            }
            if (sets.containsKey(words[0])) {
                throw new LabException(where + "the set '" + words[0] + "' is named twice");
            }
            try {
                sets.put(words[0], parse(List.of(words).subList(1, words.length)));
            } catch (LabException e) {
                throw new LabException(where + e.getMessage(), e);
            }
        }
        if (sets.isEmpty()) {
            throw new LabException(source + ": no set of settings in it");
        }
        return sets;
    }

    /** Refuses settings the lab owns and settings that do not apply to {@code variant}. */
    public static void check(Map<String, String> conf, Variant variant) {
        for (String key : conf.keySet()) {
            String instead = OWNED.get(key);
            if (instead != null) {
                throw new LabException("--conf " + key + " is set by the lab; use " + instead);
            }
            if (key.startsWith(STATE_STORE_PREFIX) && !variant.usesStateStore()) {
                throw new LabException("--conf " + key + " does not apply to " + variant.name()
                        + ": it keeps its state in RDDs, not in a state store");
            }
        }
    }

    /** The settings among {@code conf} that shape a checkpoint's state. */
    public static Map<String, String> stateShaping(Map<String, String> conf) {
        Map<String, String> shaping = new TreeMap<>();
        conf.forEach((key, value) -> {
            if (key.startsWith(STATE_STORE_PREFIX)) {
                shaping.put(key, value);
            }
        });
        return shaping;
    }

    /** The settings as {@code --conf KEY=VALUE} arguments, by key, for a child JVM. */
    public static List<String> toArguments(Map<String, String> conf) {
        return new TreeMap<>(conf).entrySet().stream()
                .flatMap(e -> Stream.of("--conf", e.getKey() + "=" + e.getValue())).toList();
    }
}
