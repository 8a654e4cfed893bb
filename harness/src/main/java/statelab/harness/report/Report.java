package statelab.harness.report;

import java.io.IOException;
import java.nio.file.Path;
import statelab.harness.results.RecoverySummary;
import statelab.harness.results.SearchSummary;

/**
 * Draws a results directory as PNG charts and a {@code report.html}, whatever measured it: a sweep or a single
 * run ({@link SweepReport}), a search ({@link SearchReport}) or a recovery measurement ({@link RecoveryReport}).
 * Charts are JFreeChart's, {@value Charts#WIDTH} x {@value Charts#HEIGHT} pixels.
 */
public final class Report {

    /** The charts' width in pixels. */
    public static final int WIDTH = Charts.WIDTH;

    private Report() {
    }

    /** Writes the charts and report.html into {@code dir}; returns the report's path. */
    public static Path write(Path dir) throws IOException {
        if (SearchSummary.isSearch(dir)) {
            return SearchReport.write(dir);
        }
        if (RecoverySummary.isRecovery(dir)) {
            return RecoveryReport.write(dir, RecoverySummary.readIfPresent(dir));
        }
        return SweepReport.write(dir);
    }
}
