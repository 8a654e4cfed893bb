package statelab.harness.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import statelab.harness.results.ClimbSummary;

/**
 * A climb ({@code ./lab climb}, the demo's anti-pattern part): {@code climb.png}, processing time and scheduling
 * delay against the batches appended, one colour per variant, the interval and each crossing of it marked: the
 * chart the chapter shows from the Spark UI, drawn from the lab's own numbers.
 */
final class ClimbReport {

    /** The climb chart's height in pixels: two panels. */
    static final int HEIGHT = 640;
    private static final Color GRID = new Color(220, 220, 220);
    private static final BasicStroke DASHED = new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
            1f, new float[] {6f, 6f}, 0f);
    private static final BasicStroke CROSSING = new BasicStroke(1.0f);

    private ClimbReport() {
    }

    static Path write(Path dir, ClimbSummary climb) throws IOException {
        String image = Charts.save(chart(climb), dir.resolve("climb.png"), HEIGHT);
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

    /**
     * Two panels over the batch number, one colour per variant: processing time per batch above, with the batch
     * interval and, for each variant that crossed it, a vertical line at its crossing; the scheduling delay
     * below, on a scale of its own (a climbing delay would flatten the processing times on one scale).
     */
    static JFreeChart chart(ClimbSummary climb) {
        XYSeriesCollection processing = new XYSeriesCollection();
        XYSeriesCollection delay = new XYSeriesCollection();
        long highestProcessingMs = climb.batchMs();
        long highestDelayMs = 2 * climb.batchMs();
        for (ClimbSummary.Climb c : climb.climbs()) {
            XYSeries p = new XYSeries(c.variant() + " processing");
            XYSeries d = new XYSeries(c.variant() + " scheduling delay");
            for (ClimbSummary.Batch b : c.batches()) {
                p.add(b.number(), b.processingMs());
                d.add(b.number(), b.schedulingDelayMs());
                highestProcessingMs = Math.max(highestProcessingMs, b.processingMs());
                highestDelayMs = Math.max(highestDelayMs, b.schedulingDelayMs());
            }
            processing.addSeries(p);
            delay.addSeries(d);
        }
        XYLineAndShapeRenderer processingLines = new XYLineAndShapeRenderer(true, false);
        XYLineAndShapeRenderer delayLines = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < climb.climbs().size(); i++) {
            processingLines.setSeriesPaint(i, Charts.palette(i));
            processingLines.setSeriesStroke(i, new BasicStroke(2.0f));
            delayLines.setSeriesPaint(i, Charts.palette(i));
            delayLines.setSeriesStroke(i, DASHED);
        }
        NumberAxis processingAxis = msAxis("Processing (ms)");
        processingAxis.setRange(0, 1.1 * highestProcessingMs);
        XYPlot top = new XYPlot(processing, null, processingAxis, processingLines);
        top.addRangeMarker(Charts.intervalMarker(climb.batchMs()));
        NumberAxis delayAxis = msAxis("Scheduling delay (ms)");
        delayAxis.setRange(0, 1.1 * highestDelayMs);
        XYPlot bottom = new XYPlot(delay, null, delayAxis, delayLines);

        NumberAxis batches = new NumberAxis("Batches so far (for table-reaggregation: batches appended to its table)");
        batches.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(batches);
        plot.setGap(12);
        plot.add(top, 3);
        plot.add(bottom, 2);
        List<LegendItem> extra = new ArrayList<>();
        extra.add(Charts.intervalLegend(climb.batchMs()));
        for (int i = 0; i < climb.climbs().size(); i++) {
            ClimbSummary.Climb c = climb.climbs().get(i);
            if (c.crossedAtBatch() > 0) {
                ValueMarker crossing = new ValueMarker(c.crossedAtBatch(), Charts.palette(i), CROSSING);
                top.addDomainMarker(crossing);
                bottom.addDomainMarker(new ValueMarker(c.crossedAtBatch(), Charts.palette(i), CROSSING));
                extra.add(Charts.lineLegend(c.variant() + " over the interval from batch " + c.crossedAtBatch(),
                        Charts.palette(i), CROSSING));
            }
        }
        LegendItemCollection items = new LegendItemCollection();
        items.addAll(top.getLegendItems());
        items.addAll(bottom.getLegendItems());
        extra.forEach(item -> {
            item.setLabelFont(Charts.TICK_FONT);
            items.add(item);
        });
        plot.setFixedLegendItems(items);
        for (XYPlot panel : List.of(top, bottom)) {
            panel.setBackgroundPaint(Color.WHITE);
            panel.setDomainGridlinePaint(GRID);
            panel.setRangeGridlinePaint(GRID);
        }
        batches.setLabelFont(Charts.AXIS_FONT);
        batches.setTickLabelFont(Charts.TICK_FONT);
        JFreeChart chart = new JFreeChart("Batch after batch: processing time and scheduling delay",
                Charts.TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(Charts.TICK_FONT);
        chart.addSubtitle(new TextTitle(String.format("%,d words/s over %,d keys, %d ms batches", climb.rateWordsPerS(),
                climb.keys(), climb.batchMs())));
        return chart;
    }

    private static NumberAxis msAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        axis.setLabelFont(Charts.AXIS_FONT);
        axis.setTickLabelFont(Charts.TICK_FONT);
        return axis;
    }
}
