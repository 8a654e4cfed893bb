package statelab.harness.measure;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import statelab.core.ConsoleRun;
import statelab.core.LabException;
import statelab.harness.results.RunSummary;

/** Runs one measured run and returns its summary: in this JVM, in a lab JVM of its own, or a fake in tests. */
@FunctionalInterface
public interface Runner {

    /** Runs {@code settings}, writing the run's files into {@code runDir}. */
    RunSummary run(RunSettings settings, Path runDir) throws Exception;

    /** Runs in this JVM, its log in {@code runDir/run.log}. A failure is a {@link LabException} naming its cause. */
    static Runner inProcess() {
        return (settings, runDir) -> {
            Files.createDirectories(runDir);
            try (PrintStream log = new PrintStream(Files.newOutputStream(runDir.resolve("run.log")), true,
                    StandardCharsets.UTF_8)) {
                return Experiment.run(settings, runDir, log);
            } catch (LabException e) {
                throw e;
            } catch (Exception e) {
                throw new LabException(ConsoleRun.rootMessage(e), e);
            }
        };
    }

    /**
     * Runs each in a lab JVM of its own ({@code lab bench}, like a JMH fork), its output in {@code runDir/run.log}.
     * A JVM that exits without a summary of these settings is a {@link LabException} with its last log line.
     */
    static Runner inChild(LabJvm lab, List<String> jvmOptions) {
        return (settings, runDir) -> {
            Files.createDirectories(runDir);
            Path log = runDir.resolve("run.log");
            Process child = lab.bench(settings, runDir, log, jvmOptions);
            int exit;
            try {
                exit = child.waitFor();
            } catch (InterruptedException e) {
                child.destroyForcibly();
                throw e;
            }
            RunSummary summary = Sweep.finishedRun(runDir, settings);
            if (summary == null) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                throw new LabException("the run's JVM exited with " + exit + " and wrote no summary; last log line: "
                        + (lines.isEmpty() ? "(none)" : lines.get(lines.size() - 1)));
            }
            return summary;
        };
    }
}
