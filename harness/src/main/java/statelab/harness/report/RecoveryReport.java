package statelab.harness.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import statelab.core.LabException;
import statelab.harness.results.RecoverySummary;

/** A recovery measurement ({@code ./lab recovery}): {@code recovery.png} and a table of every kill and restart. */
final class RecoveryReport {

    private RecoveryReport() {
    }

    static Path write(Path dir, RecoverySummary recovery) throws IOException {
        if (!Files.isWritable(dir)) {
            throw new LabException("cannot write the report into " + dir + ": not writable");
        }
        String image = Charts.save(recoveryVersusKeys(recovery), dir.resolve("recovery.png"));
        StringBuilder out = new StringBuilder(HtmlPage.head())
                .append(String.format("<h1>statelab recovery</h1>%n<p>%,d words/s, %d ms batches; a variant's driver "
                        + "JVM killed with SIGKILL and restarted on its checkpoint, or an executor or worker JVM "
                        + "killed under a running driver on a standalone cluster.</p>%n", recovery.rateWordsPerS(),
                        recovery.batchMs()))
                .append(Tables.recovery(recovery).html()).append(HtmlPage.image(image)).append("</body></html>\n");
        Path html = dir.resolve("report.html");
        Files.writeString(html, out, StandardCharsets.UTF_8);
        return html;
    }

    /** Restart-to-first-batch (solid) and catch-up time (dashed) against state size, per variant (log scales). */
    static JFreeChart recoveryVersusKeys(RecoverySummary recovery) {
        Map<String, XYSeries> restart = new LinkedHashMap<>();
        Map<String, XYSeries> catchUp = new LinkedHashMap<>();
        for (RecoverySummary.Run run : recovery.runs()) {
            String name = "driver".equals(run.fault()) ? run.label() : run.label() + " (" + run.fault() + ")";
            XYSeries first = restart.computeIfAbsent(name, v -> new XYSeries(v + " first batch", true, false));
            XYSeries caught = catchUp.computeIfAbsent(name, v -> new XYSeries(v + " caught up", true, false));
            long keys = Math.max(1, run.stateKeys());
            if (run.restartToFirstBatchMs() > 0) {
                first.add(keys, run.restartToFirstBatchMs());
            }
            if (run.catchUpMs() > 0) {
                caught.add(keys, run.catchUpMs());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        restart.values().forEach(data::addSeries);
        catchUp.values().forEach(data::addSeries);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Charts.solidAndDashed(renderer, restart.size());
        XYPlot plot = Charts.xyPlot(data, Charts.logAxis("State size at the kill (distinct keys, log scale)"),
                Charts.logAxis("Time after the restart or kill (ms, log scale)"), renderer);
        JFreeChart chart = Charts
                .styled(new JFreeChart("Recovery after SIGKILL: first batch (solid), caught up (dashed)",
                Charts.TITLE_FONT, plot, true));
        chart.addSubtitle(new TextTitle(String.format("%,d words/s, %d ms batches", recovery.rateWordsPerS(),
                recovery.batchMs())));
        return chart;
    }
}
