package statelab.harness.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import statelab.core.LabException;

/** Results directories: created when missing, refused at once when they cannot be written. */
public final class OutputDirs {

    private OutputDirs() {
    }

    /** Creates {@code outDir} if needed; a clear error if it cannot be created or written. */
    public static void prepare(Path outDir) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new LabException("cannot create output directory " + outDir + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(outDir)) {
            throw new LabException("output directory " + outDir + " is not writable");
        }
    }
}
