package statelab.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import statelab.core.LabException;

/** A file the command will write at its end, checked before any work starts. */
final class OutputFile {

    private OutputFile() {
    }

    /** Fails now, before any work, if {@code file} could not be written at the end. */
    static void checkWritable(Path file) {
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
