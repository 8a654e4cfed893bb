package statelab.harness.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import statelab.core.SparkConfs;
import statelab.harness.launch.ChildJvm;
import statelab.harness.launch.StandaloneCluster;
import statelab.harness.measure.Cluster;
import statelab.harness.measure.LabJvm;
import statelab.harness.measure.RecoveryChild;
import statelab.harness.measure.RunSettings;
import statelab.harness.measure.RunShape;
import statelab.harness.results.SearchBounds;

/**
 * Lab commands in JVMs of their own ({@link ChildJvm} running {@link Lab}): what sweeps, searches and recovery
 * measurements start (and the standalone cluster a recovery measurement kills parts of). The one place that
 * turns run settings back into this command line's arguments.
 */
public final class LabJvms implements LabJvm {

    @Override
    public Process bench(List<RunSettings> points, long walkAtLeastKeys, Path dir, Path log, List<String> jvmOptions)
            throws IOException {
        RunSettings first = points.get(0);
        List<String> args = new ArrayList<>(List.of("bench", first.variant(), "--keys",
                String.join(",", points.stream().map(p -> Long.toString(p.keys())).toList())));
        if (walkAtLeastKeys > 0) {
            args.addAll(List.of("--walk-at-least", Long.toString(walkAtLeastKeys)));
        }
        // The staircases' shared settings (factor, precision, ...) from whichever point has one.
        RunSettings withSteps = points.stream().filter(p -> p.steps() != null).findFirst().orElse(first);
        args.addAll(benchArguments(first.toBuilder().steps(withSteps.steps()).build()));
        String stairs = String.join(",", points.stream().filter(p -> p.steps() != null)
                .map(p -> p.keys() + "=" + p.steps().bounds().fromRate()).toList());
        if (!stairs.isEmpty()) {
            args.addAll(List.of("--staircase", stairs));
        }
        args.addAll(List.of("--out", dir.toAbsolutePath().toString()));
        return ChildJvm.of(Lab.class.getName()).jvmOptions(jvmOptions).args(args).log(log).start();
    }

    @Override
    public Process recoveryChild(RecoveryChild.Plan plan, Path log, List<String> jvmOptions) throws IOException {
        RunShape shape = plan.shape();
        List<String> args = new ArrayList<>(List.of("recovery-child", shape.variant(), "--port",
                Integer.toString(plan.port()), "--checkpoint", plan.checkpoint().toAbsolutePath().toString(),
                "--batch", shape.batchMs() + "ms", "--partitions", Integer.toString(shape.partitions()),
                "--checkpoint-every", Integer.toString(plan.checkpointEveryBatches()),
                "--master", plan.master(), "--source", shape.source().label(),
                "--batches-out", plan.batchesOut().toAbsolutePath().toString(),
                "--counts-out", plan.countsOut().toAbsolutePath().toString()));
        if (plan.fresh()) {
            args.add("--fresh");
        }
        args.addAll(VariantOptions.toArguments(shape.measuredOptions()));
        args.addAll(SparkConfs.toArguments(shape.sparkConf()));
        return ChildJvm.of(Lab.class.getName()).jvmOptions(jvmOptions).args(args).log(log).start();
    }

    /** A standalone cluster from this JVM's jars ({@link StandaloneCluster}); its workers get 1 GB each. */
    @Override
    public Cluster startCluster(Path dir, int workers, int coresPerWorker) throws Exception {
        StandaloneCluster.State state = StandaloneCluster.start(dir, StandaloneCluster.freePort(), workers,
                coresPerWorker, "1g");
        return new Cluster() {
            @Override
            public String masterUrl() {
                return state.masterUrl();
            }

            @Override
            public String killExecutor() throws Exception {
                return StandaloneCluster.killExecutor(state);
            }

            @Override
            public String killWorker() throws Exception {
                return StandaloneCluster.killWorker(state);
            }

            @Override
            public void close() throws Exception {
                StandaloneCluster.stop(dir);
            }
        };
    }

    /**
     * The {@code lab bench} arguments (after the variant and --keys) that make a child JVM measure as {@code s}
     * does; the staircases' first rates, which differ per point, are the caller's ({@code --staircase}).
     */
    static List<String> benchArguments(RunSettings s) {
        RunShape shape = s.shape();
        List<String> args = new ArrayList<>(List.of("--rate", Long.toString(shape.rateWordsPerS()),
                "--source", shape.source().label(), "--batch", shape.batchMs() + "ms",
                "--warmup", s.warmupMs() + "ms", "--measure", s.measureMs() + "ms", "--windows",
                Integer.toString(s.windows()),
                "--cores", Integer.toString(shape.cores()), "--partitions", Integer.toString(shape.partitions()),
                "--words-per-line", Integer.toString(shape.wordsPerLine()), "--seed", Long.toString(shape.seed()),
                "--verify-timeout", s.verifyTimeoutMs() + "ms",
                "--checkpoint-every", Integer.toString(s.checkpointEveryBatches()),
                "--max-fill", s.maxFillMs() + "ms"));
        if (s.master() != null) {
            args.addAll(List.of("--master", s.master()));
        }
        if (s.quitWhenBehind()) {
            args.add("--quit-when-behind");
        }
        if (s.profile()) {
            args.add("--profile");
        }
        if (!shape.settingsName().isEmpty()) {
            args.addAll(List.of("--settings-name", shape.settingsName()));
        }
        if (s.steps() != null) {
            SearchBounds steps = s.steps().bounds();
            args.addAll(List.of("--staircase-factor",
                    Double.toString(steps.factor()), "--staircase-precision", Double.toString(steps.precision()),
                    "--staircase-max", Long.toString(steps.maxRate()), "--staircase-steps",
                    Integer.toString(steps.maxProbes()), "--step-settle", s.steps().settleMs() + "ms",
                    "--step-measure", s.steps().measureMs() + "ms"));
        }
        args.addAll(VariantOptions.toArguments(shape.options()));
        args.addAll(SparkConfs.toArguments(shape.sparkConf()));
        return args;
    }
}
