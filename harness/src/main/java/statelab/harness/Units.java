package statelab.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import statelab.core.LabException;
import statelab.loadgen.LoadGenCommand;

/** The command line's duration converter (in milliseconds), and a check of paths it will write. */
final class Units {

    private Units() {
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} to milliseconds (the load generator's parser). */
    static final class DurationMs implements ITypeConverter<Long> {
        private final LoadGenCommand.DurationConverter duration = new LoadGenCommand.DurationConverter();

        @Override
        public Long convert(String value) {
            return duration.convert(value).toMillis();
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
