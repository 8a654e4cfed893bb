package statelab.harness.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import statelab.core.LabException;

/** Reads a run's {@code batches.csv} (see {@link RunFiles#CSV_HEADER}). */
public final class BatchesCsv {

    /** One batch as written. */
    public record Row(long batchTimeMs, String phase, long inputLines, long inputWords, long schedulingDelayMs,
                      long processingMs, long totalDelayMs, long stateKeys, long stateBytes, boolean checkpointBatch) {
    }

    private BatchesCsv() {
    }

    public static List<Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(RunFiles.CSV_HEADER)) {
            throw new LabException(file + ": not a batches.csv of this version (header differs)");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 10) {
                throw new LabException(file + ":" + (i + 1) + ": expected 10 fields, found " + f.length);
            }
            try {
                rows.add(new Row(Long.parseLong(f[0]), f[1], Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                        Long.parseLong(f[8]), Boolean.parseBoolean(f[9])));
            } catch (NumberFormatException e) {
                throw new LabException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return rows;
    }
}
