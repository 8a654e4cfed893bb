package statelab.harness.report;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import statelab.harness.results.ClimbSummary;

/**
 * A climb ({@code ./lab climb}, the demo's anti-pattern part): {@code climb.png}, processing time (solid) and
 * scheduling delay (dashed) against the batches appended, one colour per variant, the interval marked: the
 * chart the chapter shows from the Spark UI, drawn from the lab's own numbers.
 */
final class ClimbReport {

    private ClimbReport() {
    }

    static Path write(Path dir, ClimbSummary climb) throws IOException {
        String image = Charts.save(chart(climb), dir.resolve("climb.png"));
        Table table = new Table(List.of("variant", "batches", "processing at first ms", "at the end ms",
                "growth ms per batch", "over the interval from batch", "scheduling delay at the end ms", "verdict"));
        for (ClimbSummary.Climb c : climb.climbs()) {
            table.row(c.variant(), c.batches().size(), String.format("%,d", c.firstProcessingMs()),
                    String.format("%,d", c.lastProcessingMs()), String.format("%+.1f", c.processingSlopeMsPerBatch()),
                    c.crossedAtBatch() < 0 ? "never" : Integer.toString(c.crossedAtBatch()),
                    String.format("%,d", c.schedulingDelayAtEndMs()),
                    Table.bad(c.fellBehind() ? "falls behind" : "keeps up", c.fellBehind()));
        }
        String html = HtmlPage.head() + String.format("<h1>statelab climb</h1>%n<p>%,d words/s over %,d keys, "
                + "%d ms batches, up to %d batches each.</p>%n", climb.rateWordsPerS(), climb.keys(), climb.batchMs(),
                climb.maxBatches()) + table.html() + HtmlPage.image(image) + "</body></html>\n";
        Path file = dir.resolve("report.html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    static String markdown(ClimbSummary climb) {
        Table table = new Table(List.of("variant", "batches", "processing at first ms", "at the end ms",
                "over the interval from batch", "verdict"));
        for (ClimbSummary.Climb c : climb.climbs()) {
            table.row(c.variant(), c.batches().size(), String.format("%,d", c.firstProcessingMs()),
                    String.format("%,d", c.lastProcessingMs()),
                    c.crossedAtBatch() < 0 ? "never" : Integer.toString(c.crossedAtBatch()),
                    c.fellBehind() ? "falls behind" : "keeps up");
        }
        return table.markdown();
    }

    /** Processing (solid) and scheduling delay (dashed) against the batch number, per variant. */
    static JFreeChart chart(ClimbSummary climb) {
        XYSeriesCollection data = new XYSeriesCollection();
        int n = climb.climbs().size();
        for (ClimbSummary.Climb c : climb.climbs()) {
            XYSeries processing = new XYSeries(c.variant() + " processing");
            c.batches().forEach(b -> processing.add(b.number(), b.processingMs()));
            data.addSeries(processing);
        }
        for (ClimbSummary.Climb c : climb.climbs()) {
            XYSeries delay = new XYSeries(c.variant() + " scheduling delay");
            c.batches().forEach(b -> delay.add(b.number(), b.schedulingDelayMs()));
            data.addSeries(delay);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < n; i++) {
            renderer.setSeriesPaint(i, Charts.palette(i));
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
            renderer.setSeriesPaint(i + n, Charts.palette(i));
            renderer.setSeriesStroke(i + n, new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f, 6f}, 0f));
        }
        NumberAxis ms = new NumberAxis("Per batch (ms)");
        XYPlot plot = new XYPlot(data, new NumberAxis("Batches appended (the table grows by one batch's rows each)"),
                ms, renderer);
        plot.addRangeMarker(Charts.intervalMarker(climb.batchMs()));
        JFreeChart chart = Charts.styled(new JFreeChart("Batch after batch: processing (solid), scheduling delay "
                + "(dashed)", Charts.TITLE_FONT, plot, true));
        chart.addSubtitle(new TextTitle(String.format("%,d words/s over %,d keys, %d ms batches",
                climb.rateWordsPerS(), climb.keys(), climb.batchMs())));
        return chart;
    }
}
