package statelab.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import statelab.core.LabException;
import statelab.loadgen.Quantities;

/** Converters for the command line's durations and counts, and small checks of paths it will write. */
final class Units {

    private Units() {
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} to milliseconds. */
    static final class DurationMs implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Quantities.parseDuration(value).toMillis();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 10000}, {@code 10k}, {@code 1M} to a count. */
    static final class Count implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Quantities.parseCount(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Fails now, before any work, if {@code file} could not be written at the end. */
    static void checkWritableFile(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage());
        }
        if (!Files.isWritable(parent) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new LabException("cannot write " + file + ": not writable");
        }
    }
}
