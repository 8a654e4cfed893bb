package statelab.harness.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import statelab.core.LabException;

/**
 * A sweep's {@code summary.json} ({@code "format": "statelab-sweep/2"}): its settings and every finished run's
 * summary. Runs live below {@code runs/<label>-<keys>keys/}; a sweep started again on the same directory keeps
 * them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SweepSummary(String format, List<String> variants, List<Long> keys, long rateWordsPerS, long batchMs,
                           long measureMs, List<RunSummary> runs) {

    public static final String FORMAT = "statelab-sweep/2";

    public void write(Path dir) throws IOException {
        Json.write(dir.resolve(Json.SUMMARY_FILE), this);
    }

    /**
     * Reads the results in {@code dir}: a sweep's summary, or a single run's (as a sweep of one run).
     * Anything else is a clear error naming what was found.
     */
    public static SweepSummary read(Path dir) {
        Path file = dir.resolve(Json.SUMMARY_FILE);
        String format = Json.formatOf(file);
        if (format == null) {
            throw new LabException(dir + " holds no " + Json.SUMMARY_FILE
                    + ": not a results directory of ./lab bench or ./lab sweep");
        }
        if (RunSummary.FORMAT.equals(format)) {
            RunSummary run = Json.readSummary(dir, RunSummary.FORMAT, RunSummary.class);
            return new SweepSummary(FORMAT, List.of(run.label()), List.of(run.keys()), run.rateWordsPerS(),
                    run.batchMs(), run.measureMs(), List.of(run));
        }
        if (!FORMAT.equals(format)) {
            throw new LabException(file + " has format '" + format + "', expected " + FORMAT + " or "
                    + RunSummary.FORMAT + " (written by another version?); nothing was changed");
        }
        return Json.readSummary(dir, FORMAT, SweepSummary.class);
    }

    /** The run's directory below a sweep directory, or the directory itself for a single run. */
    public static Path runDirectory(Path dir, RunSummary run) {
        Path inSweep = dir.resolve("runs").resolve(RunSummary.directoryName(run.label(), run.keys()));
        return Files.isDirectory(inSweep) ? inSweep : dir;
    }
}
