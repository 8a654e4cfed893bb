package statelab.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import statelab.core.LabException;
import statelab.core.Source;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.harness.measure.Fault;
import statelab.harness.measure.Recovery;
import statelab.harness.measure.RecoverySettings;
import statelab.harness.measure.RunSettings;
import statelab.harness.report.Report;
import statelab.harness.results.RecoverySummary;
import statelab.loadgen.Converters.CountConverter;
import statelab.loadgen.Converters.DurationMsConverter;

/**
 * {@code lab recovery}: restart time against state size. For every variant at every key count and every fault,
 * the variant's driver JVM (or, on a standalone cluster the measurement starts, one executor or worker JVM) is
 * killed with SIGKILL once its state holds that many keys and has durably counted them; a killed driver is started
 * again on its checkpoint ({@link Recovery}). {@code summary.json} ({@code statelab-recovery/2}) and
 * {@code recovery.png} go to {@code --out}. Started again on the same {@code --out}, it replaces the runs it
 * repeats and keeps the others.
 */
@Command(name = "recovery", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure recovery: kill each variant's JVM (SIGKILL) once its state holds --keys keys and",
                "has durably counted them, restart it on its checkpoint, and record restart-to-first-batch and",
                "catch-up time (until a batch starts within a batch interval of when it was due); then verify the",
                "final counts against the ledger and that the restart resumed (see README: Recovery).",
                "--kill executor|worker runs the variant on a standalone cluster of two workers and kills one",
                "executor or worker JVM instead; the driver goes on.",
                "Writes --out/summary.json (statelab-recovery/2), one folder per run, recovery.png, report.html.",
                "Example: ./lab recovery --variants update-state,map-with-state,structured --keys 10k,100k "
                        + "--rate 50k --out runs/recovery"})
final class RecoveryCommand implements Callable<Integer> {

    @Option(names = "--variants", required = true, split = ",", paramLabel = "NAME[,NAME...]",
            description = "Stateful variants to measure.")
    List<String> variantNames;

    @Option(names = "--keys", required = true, split = ",", converter = CountConverter.class,
            paramLabel = "K[,K...]", description = "State sizes (distinct keys), e.g. 10k,100k,1M.")
    List<Long> keys;

    @Option(names = "--rate", required = true, converter = CountConverter.class,
            paramLabel = "WORDS_PER_S", description = "Input rate in words per second, e.g. 50k.")
    long rateWordsPerS;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Results directory.")
    Path out;

    @Option(names = "--before-kill", defaultValue = "20s", converter = DurationMsConverter.class,
            description = "Steady load after the fill before the kill (default: ${DEFAULT-VALUE}).")
    long beforeKillMs;

    @Option(names = "--after-catch-up", defaultValue = "5s", converter = DurationMsConverter.class,
            description = "Steady load after catching up, before the final counts (default: ${DEFAULT-VALUE}).")
    long afterCatchUpMs;

    @Option(names = "--max-recovery", defaultValue = "3m", converter = DurationMsConverter.class,
            description = "Give up on catching up after this long (default: ${DEFAULT-VALUE}).")
    long maxRecoveryMs;

    @Option(names = "--kill", defaultValue = "driver", split = ",", paramLabel = "driver|executor|worker",
            description = "What to kill: the driver (restarted on its checkpoint), an executor or a worker (on a "
                    + "standalone cluster of two workers); a list measures each (default: ${DEFAULT-VALUE}).")
    List<String> kills;

    @Option(names = "--checkpoint-every", defaultValue = "" + RunSettings.DEFAULT_CHECKPOINT_EVERY_BATCHES,
            paramLabel = "BATCHES",
            description = "State checkpoint interval of the DStream variants, in batches (default: ${DEFAULT-VALUE}).")
    int checkpointEveryBatches;

    @Mixin
    SourceOption source;

    @Mixin
    RunShapeOptions shape;

    @Option(names = "--heap", paramLabel = "SIZE",
            description = "Heap of the variant's JVM, e.g. 8g (default: the JVM's).")
    String heap;

    @Override
    public Integer call() throws Exception {
        List<RecoverySettings> runs = new ArrayList<>();
        List<String> jvmOptions = Inputs.heapOptions(heap);
        List<Fault> faults = new ArrayList<>();
        for (String kill : kills) {
            Fault fault = Fault.parse(kill.strip());
            if (faults.contains(fault)) {
                throw new LabException("--kill names " + fault.label() + " twice");
            }
            faults.add(fault);
        }
        Inputs.distinct("--variants", variantNames);
        Inputs.distinct("--keys", keys);
        for (String name : variantNames) {
            Variant variant = Variants.byName(name);
            // A source the variant cannot read is left to its default, so one command can mix both kinds.
            Source on = source.single() != null && variant.sources().contains(source.single()) ? source.single() : null;
            for (long k : keys) {
                for (Fault fault : faults) {
                    RecoverySettings settings = new RecoverySettings(shape.shape(name).source(on).keys(k)
                            .rateWordsPerS(rateWordsPerS).build(), fault, beforeKillMs, afterCatchUpMs,
                            maxRecoveryMs, checkpointEveryBatches, jvmOptions);
                    settings.validate();
                    runs.add(settings);
                }
            }
        }
        Files.createDirectories(out);
        if (!Files.isWritable(out)) {
            throw new LabException("output directory " + out + " is not writable");
        }
        RecoverySummary earlier = RecoverySummary.readIfPresent(out);
        if (earlier != null && (earlier.rateWordsPerS() != rateWordsPerS || earlier.batchMs() != shape.batchMs)) {
            throw new LabException(out + " holds recovery runs at " + earlier.rateWordsPerS() + " words/s, "
                    + earlier.batchMs() + " ms batches; this one is " + rateWordsPerS + " words/s, " + shape.batchMs
                    + " ms: use another --out (nothing was changed)");
        }
        List<RecoverySummary.Run> done = new ArrayList<>(earlier == null ? List.of() : earlier.runs());
        int failures = 0;
        LabJvms lab = new LabJvms();
        for (RecoverySettings settings : runs) {
            long k = settings.shape().keys();
            Path runDir = out.resolve("runs").resolve(settings.directoryName());
            RecoverySummary.Run run;
            try {
                run = Recovery.run(settings, lab, runDir, System.out);
            } catch (LabException e) {
                failures++;
                System.out.println(settings.label() + " at " + k + " keys, " + settings.fault().label()
                        + " killed: FAILED: " + e.getMessage());
                continue;
            }
            done.removeIf(r -> r.label().equals(run.label()) && r.keys() == run.keys()
                    && r.fault().equals(run.fault()));
            done.add(run);
            new RecoverySummary(RecoverySummary.FORMAT, done.stream().map(RecoverySummary.Run::label).distinct()
                    .toList(),
                    done.stream().map(RecoverySummary.Run::keys).distinct().sorted().toList(), rateWordsPerS,
                            shape.batchMs,
                    done).write(out);
        }
        if (!done.isEmpty()) {
            System.out.println();
            System.out.printf("%-22s %-8s %10s %22s %12s %8s%n", "variant", "killed", "state keys",
                    "restart to 1st batch ms", "catch-up ms", "counts");
            for (RecoverySummary.Run run : done) {
                System.out.printf("%-22s %-8s %,10d %22d %12d %8s%n", run.label(), run.fault(), run.stateKeys(),
                        run.restartToFirstBatchMs(), run.catchUpMs(), run.countsVerified() ? "verified" : "WRONG");
            }
            System.out.println("report: " + Report.write(out).toAbsolutePath());
        }
        if (failures > 0) {
            System.out.println(failures + " of " + runs.size() + " runs failed (see the logs in their folders)");
        }
        boolean allVerified = done.stream().allMatch(RecoverySummary.Run::countsVerified);
        return failures == 0 && allVerified ? 0 : Lab.EXIT_FAILED;
    }
}
