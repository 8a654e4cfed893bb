package statelab.harness.measure;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import statelab.core.ConsoleRun;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import statelab.harness.results.RunSummary;

/** Runs one measured run and returns its summary: in this JVM, in a lab JVM of its own, or a fake in tests. */
@FunctionalInterface
public interface Runner {

    /** Runs {@code settings}, writing the run's files into {@code runDir}. */
    RunSummary run(RunSettings settings, Path runDir) throws Exception;

    /**
     * Runs in this JVM, its log in {@code runDir/run.log}. A failure is a {@link RunFailedException} naming its
     * cause.
     */
    static Runner inProcess() {
        return (settings, runDir) -> {
            Files.createDirectories(runDir);
            try (PrintStream log = new PrintStream(Files.newOutputStream(runDir.resolve("run.log")), true,
                    StandardCharsets.UTF_8)) {
                return Experiment.run(settings, runDir, log);
            } catch (RunFailedException e) {
                throw e;
            } catch (Exception e) {
                throw new RunFailedException(ConsoleRun.rootMessage(e), e);
            }
        };
    }

    /**
     * Runs each in a lab JVM of its own ({@code lab bench}, like a JMH fork), its output in {@code runDir/run.log}.
     * A JVM that exits without a summary of these settings, or has not exited {@link #timeoutMs} after it started
     * (it hangs: it is then killed), is a {@link RunFailedException} with its last log line.
     */
    static Runner inChild(LabJvm lab, List<String> jvmOptions) {
        return inChild(lab, jvmOptions, Runner::timeoutMs);
    }

    /** As {@link #inChild(LabJvm, List)}, with the time a run's JVM is given before it is stopped. */
    static Runner inChild(LabJvm lab, List<String> jvmOptions, ToLongFunction<RunSettings> timeoutMs) {
        return (settings, runDir) -> {
            Files.createDirectories(runDir);
            Path log = runDir.resolve("run.log");
            Process child = lab.bench(settings, runDir, log, jvmOptions);
            long limitMs = timeoutMs.applyAsLong(settings);
            boolean exited;
            try {
                exited = child.waitFor(limitMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                child.destroyForcibly();
                throw e;
            }
            if (!exited) {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
                throw new RunFailedException("the run's JVM had not finished " + limitMs / 1000 + " s after it "
                        + "started (the longest its run can take): stopped; last log line: " + lastLine(log));
            }
            RunSummary summary = Sweep.finishedRun(runDir, settings);
            if (summary == null) {
                throw new RunFailedException("the run's JVM exited with " + child.exitValue()
                        + " and wrote no summary; last log line: " + lastLine(log));
            }
            return summary;
        };
    }

    /**
     * The longest a measured run's JVM may take: its load at the longest (fill, warm-up with its catch-up,
     * window, steps), the wait for the final counts, and five minutes for the JVM and Spark to start and stop.
     */
    static long timeoutMs(RunSettings settings) {
        return settings.maxLoadMs() + settings.verifyTimeoutMs() + 300_000;
    }

    private static String lastLine(Path log) throws java.io.IOException {
        List<String> lines = Files.isRegularFile(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        return lines.isEmpty() ? "(none)" : lines.get(lines.size() - 1);
    }
}
