package statelab.harness.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;
import statelab.core.LabException;
import statelab.core.Variant;
import statelab.loadgen.Converters.DurationMsConverter;
import statelab.mapwithstate.MapWithStateWordCount;
import statelab.structured.StructuredWordCount;

/**
 * The options only some variants take (a picocli mixin); giving one to a variant that does not take it is an
 * error. The one place where the command line names the variants' own options.
 */
final class VariantOptions {

    @Option(names = "--output-mode", paramLabel = "complete|update",
            description = "structured: emit all totals every batch (complete; default for run) or only changed ones "
                    + "(update; default for bench and sweep).")
    String outputMode;

    @Option(names = "--state-store", paramLabel = "hdfs|rocksdb",
            description = "structured, structured-arbitrary: where state lives.")
    String stateStore;

    @Option(names = "--idle-timeout", converter = DurationMsConverter.class, paramLabel = "DURATION",
            description = "map-with-state, structured-arbitrary: drop words not seen for this long (emitting their "
                    + "final count).")
    Long idleTimeoutMs;

    /** The options given, by the name the variant knows them under. */
    Map<String, String> forVariant(Variant variant) {
        Map<String, String> options = new TreeMap<>();
        put(options, variant, "--output-mode", StructuredWordCount.OUTPUT_MODE, outputMode);
        put(options, variant, "--state-store", StructuredWordCount.STATE_STORE, stateStore);
        put(options, variant, "--idle-timeout", MapWithStateWordCount.IDLE_TIMEOUT_MS,
                idleTimeoutMs == null ? null : Long.toString(idleTimeoutMs));
        return options;
    }

    /** Variant options (as {@link #forVariant} names them) back as command-line flags, for a child JVM. */
    static List<String> toArguments(Map<String, String> options) {
        List<String> args = new ArrayList<>();
        options.forEach((name, value) -> {
            switch (name) {
                case StructuredWordCount.OUTPUT_MODE -> args.addAll(List.of("--output-mode", value));
                case StructuredWordCount.STATE_STORE -> args.addAll(List.of("--state-store", value));
                case MapWithStateWordCount.IDLE_TIMEOUT_MS -> args.addAll(List.of("--idle-timeout", value + "ms"));
                default -> throw new IllegalArgumentException("no flag for variant option " + name);
            }
        });
        return args;
    }

    private static void put(Map<String, String> options, Variant variant, String flag, String name, String value) {
        if (value == null) {
            return;
        }
        if (!variant.optionNames().contains(name)) {
            throw new LabException(flag + " does not apply to " + variant.name());
        }
        options.put(name, value);
    }
}
