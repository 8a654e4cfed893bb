package statelab.harness.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import statelab.harness.results.ClimbSummary;
import statelab.harness.results.IntervalSearchSummary;
import statelab.harness.results.RecoverySummary;
import statelab.harness.results.SearchSummary;
import statelab.harness.results.SweepSummary;

/**
 * Draws a results directory as PNG charts and a {@code report.html}, whatever measured it: a sweep or a single
 * run ({@link SweepReport}), a search ({@link SearchReport}), an interval search (its table and each probe's
 * latency), a recovery measurement ({@link RecoveryReport}) or
 * a climb ({@link ClimbReport}).
 * Charts are JFreeChart's, {@value Charts#WIDTH} x {@value Charts#HEIGHT} pixels.
 */
public final class Report {

    /** The charts' width in pixels. */
    public static final int WIDTH = Charts.WIDTH;

    private Report() {
    }

    /** Writes the charts, report.html and report.md into {@code dir}; returns the HTML report's path. */
    public static Path write(Path dir) throws IOException {
        Path html;
        if (SearchSummary.isSearch(dir)) {
            html = SearchReport.write(dir);
        } else if (IntervalSearchSummary.isIntervalSearch(dir)) {
            html = intervalSearch(dir);
        } else if (RecoverySummary.isRecovery(dir)) {
            html = RecoveryReport.write(dir, RecoverySummary.readIfPresent(dir));
        } else if (ClimbSummary.isClimb(dir)) {
            html = ClimbReport.write(dir, ClimbSummary.read(dir));
        } else {
            html = SweepReport.write(dir);
        }
        Files.writeString(dir.resolve("report.md"), markdown(dir), StandardCharsets.UTF_8);
        return html;
    }

    /** An interval search's page: its table, and each probe's latency timeline. */
    private static Path intervalSearch(Path dir) throws IOException {
        IntervalSearchSummary search = IntervalSearchSummary.read(dir);
        StringBuilder out = new StringBuilder(HtmlPage.head());
        out.append("<h1>statelab: the shortest sustained batch interval</h1>\n")
                .append(Tables.intervals(java.util.List.of(search)).html());
        for (IntervalSearchSummary.Probe probe : search.probes()) {
            var chart = LatencyReport.timeline(probe.run(), dir.resolve(probe.runDirectory()));
            if (chart != null) {
                out.append(HtmlPage.image(Charts.save(chart, dir.resolve("latency-" + probe.batchMs() + "ms.png"))));
            }
        }
        Path html = dir.resolve("report.html");
        Files.writeString(html, out.append("</body></html>\n").toString(), StandardCharsets.UTF_8);
        return html;
    }

    /** The searches below {@code dir} ({@code dir/search/*}), by variant and keys. */
    public static java.util.List<SearchSummary> searchesBelow(Path dir) throws IOException {
        return SearchReport.searchesBelow(dir);
    }

    /** The results in {@code dir} as Markdown tables: a sweep's points and searches, a search, or a recovery. */
    public static String markdown(Path dir) throws IOException {
        if (SearchSummary.isSearch(dir)) {
            return Tables.searches(java.util.List.of(SearchSummary.read(dir))).markdown();
        }
        if (IntervalSearchSummary.isIntervalSearch(dir)) {
            return Tables.intervals(java.util.List.of(IntervalSearchSummary.read(dir))).markdown();
        }
        if (RecoverySummary.isRecovery(dir)) {
            return Tables.recovery(RecoverySummary.readIfPresent(dir)).markdown();
        }
        if (ClimbSummary.isClimb(dir)) {
            return ClimbReport.markdown(ClimbSummary.read(dir));
        }
        SweepSummary sweep = SweepSummary.read(dir);
        StringBuilder out = new StringBuilder(Tables.points(sweep.runs()).markdown());
        if (Tables.anyLatency(sweep.runs())) {
            out.append("\nEnd-to-end latency of every word, from when its line was due to its batch's output:\n\n")
                    .append(Tables.latency(sweep.runs()).markdown());
        }
        out.append(ProgressReport.markdown(sweep.runs()));
        if (Tables.anyStateMemory(sweep.runs())) {
            out.append("\nThe state's memory at the end of each point, as each engine reports it:\n\n")
                    .append(Tables.stateMemory(sweep.runs()).markdown());
        }
        java.util.List<SearchSummary> searches = SearchReport.searchesBelow(dir);
        if (!searches.isEmpty()) {
            out.append('\n').append(Tables.searches(searches).markdown());
        }
        return out.toString();
    }
}
