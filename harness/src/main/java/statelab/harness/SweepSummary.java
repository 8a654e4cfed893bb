package statelab.harness;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import statelab.core.LabException;

/**
 * A sweep's {@code summary.json}: its settings and every finished run's summary. Runs live below
 * {@code runs/<variant>-<keys>keys/}; a sweep started again on the same directory keeps them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SweepSummary(String format, List<String> variants, List<Long> keys, long rateWordsPerS, long batchMs,
                           long measureMs, List<RunSummary> runs) {

    public static final String FORMAT = "statelab-sweep/1";
    public static final String FILE = "summary.json";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path dir) throws IOException {
        writeJson(dir.resolve(FILE), this);
    }

    /** Writes {@code value} as indented JSON through a temporary file, so a reader never sees half a file. */
    public static void writeJson(Path file, Object value) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), value);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a JSON file written by {@link #writeJson}. */
    public static <T> T readJson(Path file, Class<T> type) throws IOException {
        return JSON.readValue(file.toFile(), type);
    }

    /**
     * Reads the results in {@code dir}: a sweep's summary, or a single run's (as a sweep of one run).
     * Anything else is a clear error naming what was found.
     */
    public static SweepSummary read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new LabException(dir + " holds no " + FILE + ": not a results directory of ./lab bench or ./lab sweep");
        }
        String format;
        try {
            format = JSON.readTree(file.toFile()).path("format").asText("");
            if (FORMAT.equals(format)) {
                return JSON.readValue(file.toFile(), SweepSummary.class);
            }
            if (RunSummary.FORMAT.equals(format)) {
                RunSummary run = JSON.readValue(file.toFile(), RunSummary.class);
                return new SweepSummary(FORMAT, List.of(run.label()), List.of(run.keys()), run.rateWordsPerS(),
                        run.batchMs(), run.measureMs(), List.of(run));
            }
        } catch (IOException e) {
            throw new LabException(file + " cannot be read: " + e.getMessage(), e);
        }
        throw new LabException(file + " has format '" + format + "', expected " + FORMAT + " or " + RunSummary.FORMAT
                + " (written by another version?); nothing was changed");
    }

    /** The run's directory below a sweep directory, or the directory itself for a single run. */
    public static Path runDirectory(Path dir, RunSummary run) {
        Path inSweep = dir.resolve("runs").resolve(RunSummary.directoryName(run.label(), run.keys()));
        return Files.isDirectory(inSweep) ? inSweep : dir;
    }
}
