package statelab.harness.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import statelab.core.LabException;

/**
 * The one way the lab writes and reads its results files: indented JSON, written through a temporary file so a
 * reader never sees half a file, each file naming its {@code format} (for example {@code statelab-run/2}).
 */
public final class Json {

    /** Every results directory keeps its summary in a file of this name. */
    public static final String SUMMARY_FILE = "summary.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code value} as indented JSON through a temporary file, so a reader never sees half a file. */
    public static void write(Path file, Object value) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        MAPPER.writeValue(tmp.toFile(), value);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }

    /** The {@code format} a results file names, "" when it names none; null when there is no such file. */
    public static String formatOf(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return MAPPER.readTree(file.toFile()).path("format").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Reads {@code dir/summary.json} as {@code type}, which must be of {@code format}; a clear error naming what
     * was found otherwise (nothing is changed).
     */
    public static <T> T readSummary(Path dir, String format, Class<T> type) {
        Path file = dir.resolve(SUMMARY_FILE);
        String found = formatOf(file);
        if (found == null) {
            throw new LabException(dir + " holds no " + SUMMARY_FILE);
        }
        if (!format.equals(found)) {
            throw new LabException(file + " has format '" + found + "', expected " + format
                    + " (written by another version?); nothing was changed");
        }
        try {
            return read(file, type);
        } catch (IOException e) {
            throw new LabException(file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
