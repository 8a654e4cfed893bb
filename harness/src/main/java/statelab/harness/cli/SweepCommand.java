package statelab.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import statelab.core.LabException;
import statelab.core.SparkConfs;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.harness.measure.HeapEstimate;
import statelab.harness.measure.RunSettings;
import statelab.harness.measure.Runner;
import statelab.harness.measure.Sweep;
import statelab.harness.results.Json;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SweepSummary;
import statelab.loadgen.Converters.CountConverter;

/**
 * {@code lab sweep}: every variant at every key count; one JVM per variant (and source) walking through the key
 * counts, or one per point with {@code --fresh-jvm}; resumable.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Measure every --variants at every --keys: one JVM per variant (and source) walks through the",
                "key counts in order (each key step sends the new keys once, then the point is measured as",
                "--windows windows; the walk ends at its first point behind; the counts are verified once, at",
                "its end). --fresh-jvm measures each point in a JVM of its own instead. Points below",
                "--out/runs/, their summary in --out/summary.json. Started again on the same --out it keeps the",
                "finished walks. Then: ./lab report DIR.",
                "Example: ./lab sweep --variants update-state,map-with-state --keys 10k,300k --rate 100000 "
                        + "--measure 30s --out runs/sweep"})
final class SweepCommand implements Callable<Integer> {

    @Option(names = "--variants", required = true, split = ",", paramLabel = "NAME[,NAME...]",
            description = "Variants to measure.")
    List<String> variantNames;

    @Option(names = "--keys", required = true, split = ",", converter = CountConverter.class, paramLabel = "K[,K...]",
            description = "Key counts, e.g. 10k,100k,1M.")
    List<Long> keys;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Results directory.")
    Path out;

    @Option(names = "--fresh-jvm", description = "Measure each point in a JVM of its own instead of walking.")
    boolean freshJvm;

    @Option(names = "--stop-when-behind",
            description = "With --fresh-jvm: skip a variant's larger key counts once a point fell behind (a walk "
                    + "always ends at its first point behind).")
    boolean stopWhenBehind;

    @Option(names = "--walk-at-least", defaultValue = "0", converter = CountConverter.class,
            paramLabel = "K", description = "Go on to at least K keys even after a point fell behind.")
    long walkAtLeastToKeys;

    @Option(names = "--conf-sets", paramLabel = "FILE",
            description = "Sets of Spark settings to compare, one per line: a name, then KEY=VALUE pairs (none: the "
                    + "lab's defaults). Every variant walks once with each set, on top of --conf; a set's runs are "
                    + "labelled VARIANT+NAME.")
    Path confSets;

    @Mixin
    RunnerOptions runs;

    @Mixin
    MeasureOptions.Rate rate;

    @Mixin
    MeasureOptions measure;

    @Override
    public Integer call() throws Exception {
        Inputs.distinct("--variants", variantNames);
        Inputs.distinct("--keys", keys);
        Runner runner = runs.runner();
        List<Long> walk = keys.stream().sorted().toList();
        List<RunSettings> experiments = new ArrayList<>();
        Map<String, Map<String, String>> sets = confSets == null ? null : readSets(confSets);
        for (String name : variantNames) {
            Variant variant = Variants.byName(name);
            HeapEstimate.require(name, walk.get(walk.size() - 1), runs.heapBytes(), runs.heapName());
            for (List<RunSettings> points : measure.walksPerSource(variant, walk, rate.rateWordsPerS, freshJvm)) {
                if (sets == null) {
                    experiments.addAll(points);
                    continue;
                }
                sets.forEach((setName, set) -> points.forEach(point -> {
                    Map<String, String> conf = new TreeMap<>(point.shape().sparkConf());
                    conf.putAll(set);
                    experiments.add(point.toBuilder().sparkConf(conf).settingsName(setName).build());
                }));
            }
        }
        SweepSummary summary = Sweep.run(out, experiments, runner, stopWhenBehind, variant -> walkAtLeastToKeys,
                System.out);
        System.out.println("results: " + out.resolve(Json.SUMMARY_FILE) + "  (draw them: ./lab report " + out + ")");
        return summary.runs().stream().allMatch(RunSummary::usable) ? 0 : Lab.EXIT_FAILED;
    }

    private static Map<String, Map<String, String>> readSets(Path file) {
        try {
            return SparkConfs.parseSets(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new LabException("cannot read --conf-sets " + file + ": " + e.getMessage(), e);
        }
    }
}
