package statelab.harness.measure;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import statelab.core.ConsoleRun;
import statelab.harness.results.RunSummary;

/**
 * Runs one walk ({@link Walk}: one point alone is a measured run) and returns its points' summaries: in this
 * JVM, in a lab JVM of its own, or a fake in tests. The points' files go where {@link Walk#pointDirectory} says.
 */
@FunctionalInterface
public interface Runner {

    /**
     * Walks {@code points} with their files below {@code dir}; a walk that falls behind may measure fewer.
     *
     * @param walkAtLeastKeys walk on to this many keys even after a point fell behind
     */
    List<RunSummary> run(List<RunSettings> points, long walkAtLeastKeys, Path dir) throws Exception;

    /** One point alone, its files in {@code runDir}. */
    default RunSummary runOne(RunSettings settings, Path runDir) throws Exception {
        List<RunSummary> done = run(List.of(settings), 0, runDir);
        if (done.isEmpty()) {
            throw new RunFailedException("the run of " + settings.label() + " at " + settings.keys()
                    + " keys measured nothing");
        }
        return done.get(0);
    }

    /**
     * Runs in this JVM, its log in {@code dir/run.log} (or the walk's log). A failure is a
     * {@link RunFailedException} naming its cause.
     */
    static Runner inProcess() {
        return (points, walkAtLeastKeys, dir) -> {
            Files.createDirectories(dir);
            try (PrintStream log = new PrintStream(Files.newOutputStream(dir.resolve(logName(points))), true,
                    StandardCharsets.UTF_8)) {
                return Walk.run(points, walkAtLeastKeys, dir, log);
            } catch (RunFailedException e) {
                throw e;
            } catch (Exception e) {
                throw new RunFailedException(ConsoleRun.rootMessage(e), e);
            }
        };
    }

    /**
     * Runs each walk in a lab JVM of its own ({@code lab bench}, like a JMH fork), its output in the walk's log.
     * A JVM that exits without a summary of its first point, or has not exited {@link #timeoutMs} after it
     * started (it hangs: it is then killed), is a {@link RunFailedException} with its last log line.
     */
    static Runner inChild(LabJvm lab, List<String> jvmOptions) {
        return inChild(lab, jvmOptions, Runner::timeoutMs);
    }

    /** As {@link #inChild(LabJvm, List)}, with the time a point's run is given before its JVM is stopped. */
    static Runner inChild(LabJvm lab, List<String> jvmOptions, ToLongFunction<RunSettings> timeoutMs) {
        return (points, walkAtLeastKeys, dir) -> {
            Files.createDirectories(dir);
            Path log = dir.resolve(logName(points));
            Process child = lab.bench(points, walkAtLeastKeys, dir, log, jvmOptions);
            long limitMs = points.stream().mapToLong(timeoutMs).sum();
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
                        + "started (the longest its runs can take): stopped; last log line: " + lastLine(log));
            }
            List<RunSummary> done = new ArrayList<>();
            for (RunSettings point : points) {
                RunSummary summary = Sweep.finishedRun(Walk.pointDirectory(dir, point), point);
                if (summary != null) {
                    done.add(summary);
                }
            }
            if (done.isEmpty()) {
                throw new RunFailedException("the run's JVM exited with " + child.exitValue()
                        + " and wrote no summary; last log line: " + lastLine(log));
            }
            return done;
        };
    }

    /**
     * The longest a measured run may take: its load at the longest (fill, warm-up with its catch-up, window,
     * steps), the wait for the final counts, and five minutes for the JVM and Spark to start and stop.
     */
    static long timeoutMs(RunSettings settings) {
        return settings.maxLoadMs() + settings.verifyTimeoutMs() + 300_000;
    }

    /** The log of a walk: {@code run.log} for a point alone, {@code walk-<label>.log} for a walk. */
    static String logName(List<RunSettings> points) {
        return points.size() == 1 && points.get(0).alone() ? "run.log" : "walk-" + points.get(0).label() + ".log";
    }

    private static String lastLine(Path log) throws java.io.IOException {
        List<String> lines = Files.isRegularFile(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        return lines.isEmpty() ? "(none)" : lines.get(lines.size() - 1);
    }
}
