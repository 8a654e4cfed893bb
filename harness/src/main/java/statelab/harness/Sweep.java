package statelab.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import statelab.core.CheckpointDirs;
import statelab.core.JvmFlags;
import statelab.core.LabException;
import statelab.core.SparkSettings;

/**
 * Runs a list of experiments into one directory: {@code runs/<variant>-<keys>keys/} per run and a
 * {@code summary.json} of them all, rewritten after every run. Resumable: a run whose directory already holds
 * a verified summary with the same settings is kept, not run again (a run whose counts were not verified is
 * run again, unless it was stopped on purpose because it fell behind). Each run is its own JVM (like a JMH fork)
 * unless asked to run in-process.
 *
 * <p>With {@code stopWhenBehind}, each variant's key counts are a walk: once a run of a variant falls behind,
 * its larger key counts are not run (they would only fall further behind).
 */
public final class Sweep {

    private Sweep() {
    }

    /**
     * @param childArguments for a run in its own JVM, the {@code lab bench} arguments after the variant and
     *                       key count; null runs every experiment in this JVM
     * @param childJvmOptions extra JVM options for the child JVMs (for example -Xmx12g)
     */
    public static SweepSummary run(Path dir, List<Experiment.Settings> experiments,
                                   Function<Experiment.Settings, List<String>> childArguments,
                                   List<String> childJvmOptions, PrintStream out) throws Exception {
        return run(dir, experiments, childArguments, childJvmOptions, false, variant -> 0, out);
    }

    /**
     * As above; with {@code stopWhenBehind} a variant's walk over key counts ends at its first run that falls
     * behind at or above {@code walkAtLeastToKeys} keys of that variant (a point that must be measured, behind
     * or not).
     */
    public static SweepSummary run(Path dir, List<Experiment.Settings> experiments,
                                   Function<Experiment.Settings, List<String>> childArguments,
                                   List<String> childJvmOptions, boolean stopWhenBehind,
                                   java.util.function.ToLongFunction<String> walkAtLeastToKeys,
                                   PrintStream out) throws Exception {
        if (experiments.isEmpty()) {
            throw new LabException("nothing to run");
        }
        for (Experiment.Settings settings : experiments) {
            settings.validate();
        }
        Experiment.Settings first = experiments.get(0);
        List<String> variants = experiments.stream().map(Experiment.Settings::label).distinct().toList();
        List<Long> keys = experiments.stream().map(Experiment.Settings::keys).distinct().toList();
        checkDirectory(dir, first);

        List<RunSummary> done = new ArrayList<>();
        int number = 0;
        int failures = 0;
        java.util.Map<String, Long> behindAt = new java.util.HashMap<>();
        for (Experiment.Settings settings : experiments) {
            number++;
            Path runDir = dir.resolve("runs").resolve(RunSummary.directoryName(settings.label(), settings.keys()));
            String label = String.format("%s at %,d keys", settings.label(), settings.keys());
            Long behind = behindAt.get(settings.label());
            if (stopWhenBehind && behind != null && settings.keys() > behind
                    && settings.keys() > walkAtLeastToKeys.applyAsLong(settings.variant())) {
                out.printf("%s %s: not run (fell behind at %,d keys)%n", progress(number, experiments.size()), label,
                        behind);
                continue;
            }
            RunSummary kept = finishedRun(runDir, settings);
            if (kept != null && !kept.usable()) {
                kept = null;
            }
            long startMs = System.currentTimeMillis();
            RunSummary summary;
            if (kept != null) {
                summary = kept;
                out.println(progress(number, experiments.size()) + " " + label + ": kept from an earlier sweep");
            } else {
                out.println(progress(number - 1, experiments.size()) + " " + label + " ...");
                try {
                    summary = childArguments == null
                            ? runInProcess(settings, runDir)
                            : runInChild(settings, runDir, childArguments.apply(settings), childJvmOptions);
                } catch (LabException e) {
                    failures++;
                    out.println(progress(number, experiments.size()) + " " + label + ": FAILED: " + e.getMessage());
                    continue;
                }
                out.printf("%s %s: median processing %d ms, median total delay %d ms, %s, counts %s (%d s)%n",
                        progress(number, experiments.size()), label, summary.medianProcessingMs(),
                        summary.medianTotalDelayMs(), summary.keepingUp() ? "keeping up" : "FALLING BEHIND",
                        summary.countsVerified() ? "verified" : "NOT verified", 
                        (System.currentTimeMillis() - startMs) / 1000);
            }
            done.add(summary);
            if (!summary.keepingUp() && settings.keys() >= walkAtLeastToKeys.applyAsLong(settings.variant())) {
                behindAt.merge(settings.label(), settings.keys(), Math::min);
            }
            new SweepSummary(SweepSummary.FORMAT, variants, keys, first.rateWordsPerS(), first.batchMs(),
                    first.measureMs(), done).write(dir);
        }
        if (failures > 0) {
            throw new LabException(failures + " of " + experiments.size() + " runs failed (see run.log in their "
                    + "directories below " + dir.resolve("runs") + ")");
        }
        return SweepSummary.read(dir);
    }

    private static String progress(int done, int all) {
        int width = 20;
        int filled = all == 0 ? width : done * width / all;
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + done + "/" + all;
    }

    /** An existing sweep directory must be one of ours with the same load; anything else is left untouched. */
    private static void checkDirectory(Path dir, Experiment.Settings first) {
        Experiment.prepareOutput(dir);
        if (Files.exists(dir.resolve(SweepSummary.FILE))) {
            SweepSummary earlier = SweepSummary.read(dir);
            if (earlier.rateWordsPerS() != first.rateWordsPerS() || earlier.batchMs() != first.batchMs()
                    || earlier.measureMs() != first.measureMs()) {
                throw new LabException(dir + " holds a sweep at " + earlier.rateWordsPerS() + " words/s, "
                        + earlier.batchMs() + " ms batches, " + earlier.measureMs() + " ms measured; this one is "
                        + first.rateWordsPerS() + " words/s, " + first.batchMs() + " ms, " + first.measureMs()
                        + " ms: use another --out (nothing was changed)");
            }
        }
    }

    /** The run's earlier summary if it was made with these settings, else null. */
    static RunSummary finishedRun(Path runDir, Experiment.Settings settings) {
        Path file = runDir.resolve(SweepSummary.FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            RunSummary run = SweepSummary.JSON.readValue(file.toFile(), RunSummary.class);
            boolean same = RunSummary.FORMAT.equals(run.format()) && run.variant().equals(settings.variant())
                    && run.keys() == settings.keys() && run.rateWordsPerS() == settings.rateWordsPerS()
                    && run.batchMs() == settings.batchMs() && run.measureMs() == settings.measureMs()
                    && run.wordsPerLine() == settings.wordsPerLine()
                    && run.checkpointEveryBatches() == settings.checkpointEveryBatches()
                    && run.warmupMs() == settings.warmupMs()
                    && java.util.Objects.equals(run.rateSteps(), settings.steps())
                    && run.options().equals(settings.effectiveOptions());
            return same ? run : null;
        } catch (IOException e) {
            return null; // unreadable or half-written: run it again
        }
    }

    /** The {@code lab bench} arguments (after the variant and --keys) that make a child JVM run {@code settings}. */
    public static List<String> benchArguments(Experiment.Settings s) {
        List<String> args = new ArrayList<>(List.of("--rate", Long.toString(s.rateWordsPerS()),
                "--batch", s.batchMs() + "ms", "--warmup", s.warmupMs() + "ms", "--measure", s.measureMs() + "ms",
                "--cores", Integer.toString(s.processingCores()), "--partitions", Integer.toString(s.partitions()),
                "--words-per-line", Integer.toString(s.wordsPerLine()), "--seed", Long.toString(s.seed()),
                "--verify-timeout", s.verifyTimeoutMs() + "ms",
                "--checkpoint-every", Integer.toString(s.checkpointEveryBatches())));
        if (s.master() != null) {
            args.addAll(List.of("--master", s.master()));
        }
        if (s.quitWhenBehind()) {
            args.add("--quit-when-behind");
        }
        if (s.steps() != null) {
            Search.Bounds steps = s.steps().bounds();
            args.addAll(List.of("--staircase", Long.toString(steps.fromRate()), "--staircase-factor",
                    Double.toString(steps.factor()), "--staircase-precision", Double.toString(steps.precision()),
                    "--staircase-max", Long.toString(steps.maxRate()), "--staircase-steps",
                    Integer.toString(steps.maxProbes()), "--step-settle", s.steps().settleMs() + "ms",
                    "--step-measure", s.steps().measureMs() + "ms"));
        }
        args.addAll(VariantOptions.toArguments(s.options()));
        return args;
    }

    public static RunSummary runInProcess(Experiment.Settings settings, Path runDir) throws Exception {
        Files.createDirectories(runDir);
        try (PrintStream log = new PrintStream(Files.newOutputStream(runDir.resolve("run.log")), true,
                StandardCharsets.UTF_8)) {
            return Experiment.run(settings, runDir, log);
        } catch (LabException e) {
            throw e;
        } catch (Exception e) {
            throw new LabException(statelab.core.ConsoleRun.rootMessage(e), e);
        }
    }

    public static RunSummary runInChild(Experiment.Settings settings, Path runDir, List<String> arguments,
                                         List<String> jvmOptions) throws Exception {
        Files.createDirectories(runDir);
        Path scratch = Files.createTempDirectory(SparkSettings.scratchDir(), "run-");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.sparkFlags());
        command.addAll(jvmOptions);
        command.add("-Djava.io.tmpdir=" + scratch);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Lab.class.getName());
        command.add("bench");
        command.add(settings.variant());
        command.add("--keys");
        command.add(Long.toString(settings.keys()));
        command.addAll(arguments);
        command.add("--out");
        command.add(runDir.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(runDir.resolve("run.log").toFile());
        builder.environment().putAll(Map.of("SPARK_LOCAL_IP", "127.0.0.1"));
        Process child = builder.start();
        int exit;
        try {
            exit = child.waitFor();
        } catch (InterruptedException e) {
            child.destroyForcibly();
            throw e;
        } finally {
            CheckpointDirs.deleteRecursively(scratch);
        }
        RunSummary summary = finishedRun(runDir, settings);
        if (summary == null) {
            List<String> log = Files.readAllLines(runDir.resolve("run.log"), StandardCharsets.UTF_8);
            throw new LabException("the run's JVM exited with " + exit + " and wrote no summary; last log line: "
                    + (log.isEmpty() ? "(none)" : log.get(log.size() - 1)));
        }
        return summary;
    }
}
