package statelab.harness.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import statelab.core.LabException;
import statelab.harness.results.BatchesCsv;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SearchSummary;
import statelab.harness.results.SweepSummary;

/**
 * A sweep or a single run ({@code ./lab sweep}, {@code ./lab bench}):
 * <ul>
 *   <li>{@code delay-vs-keys.png}: median processing time and median total delay against state size (distinct
 *       keys), one line per variant: the chart the Databricks blog drew for mapWithState vs updateStateByKey;</li>
 *   <li>{@code timeline-<run>.png}: each run's scheduling delay, processing time and total delay per batch,
 *       like the Spark UI's streaming tab, with the batch interval and the measured window marked;</li>
 *   <li>{@code state-bytes-per-key.png}: state memory per key, where the engine reports state memory;</li>
 *   <li>the searches below it ({@link SearchReport}), and {@code report.html} with a table of every run.</li>
 * </ul>
 */
final class SweepReport {

    private SweepReport() {
    }

    /** Writes the charts and report.html of a sweep (or a single run) into {@code dir}; returns the page. */
    static Path write(Path dir) throws IOException {
        SweepSummary sweep = SweepSummary.read(dir);
        if (sweep.runs().isEmpty()) {
            throw new LabException(dir + " holds no finished runs yet");
        }
        if (!Files.isWritable(dir)) {
            throw new LabException("cannot write the report into " + dir + ": not writable");
        }
        List<String> images = new ArrayList<>();
        images.add(Charts.save(delayVersusKeys(sweep), dir.resolve("delay-vs-keys.png")));
        JFreeChart bytes = stateBytesPerKey(sweep);
        if (bytes != null) {
            images.add(Charts.save(bytes, dir.resolve("state-bytes-per-key.png")));
        }
        Map<RunSummary, String> timelines = new LinkedHashMap<>();
        for (RunSummary run : sweep.runs()) {
            Path csv = SweepSummary.runDirectory(dir, run).resolve("batches.csv");
            if (Files.isRegularFile(csv)) {
                String name = "timeline-" + RunSummary.directoryName(run.label(), run.keys()) + ".png";
                timelines.put(run, Charts.save(timeline(run, BatchesCsv.read(csv)), dir.resolve(name)));
            }
        }
        List<SearchSummary> searches = SearchReport.searchesBelow(dir);
        if (!searches.isEmpty()) {
            images.add(Charts.save(SearchReport.searchRates(searches), dir.resolve("search-rates.png")));
        }
        Path html = dir.resolve("report.html");
        Files.writeString(html, html(sweep, images, timelines, searches), StandardCharsets.UTF_8);
        return html;
    }

    /** Median processing time and total delay against distinct keys, per variant (log-scale keys). */
    static JFreeChart delayVersusKeys(SweepSummary sweep) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        Map<String, YIntervalSeries> processing = new LinkedHashMap<>();
        Map<String, YIntervalSeries> total = new LinkedHashMap<>();
        for (RunSummary run : sweep.runs()) {
            processing.computeIfAbsent(run.label(), v -> new YIntervalSeries(v + " processing", true, false))
                    .add(run.keys(), Math.max(1, run.medianProcessingMs()), low(run.medianProcessingMinMs(),
                            run.medianProcessingMs()), high(run.medianProcessingMaxMs(), run.medianProcessingMs()));
            total.computeIfAbsent(run.label(), v -> new YIntervalSeries(v + " total delay", true, false))
                    .add(run.keys(), Math.max(1, run.medianTotalDelayMs()), low(run.medianTotalDelayMinMs(),
                            run.medianTotalDelayMs()), high(run.medianTotalDelayMaxMs(), run.medianTotalDelayMs()));
        }
        processing.values().forEach(data::addSeries);
        total.values().forEach(data::addSeries);
        LogAxis keysAxis = Charts.logAxis("State size (distinct keys, log scale)");
        LogAxis msAxis = Charts.logAxis("Median per batch (ms, log scale)");
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setCapLength(8);
        int variants = processing.size();
        for (int i = 0; i < variants; i++) {
            Color color = Charts.palette(i);
            renderer.setSeriesPaint(i, color);
            renderer.setSeriesLinesVisible(i, true);
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
            renderer.setSeriesPaint(i + variants, color);
            renderer.setSeriesLinesVisible(i + variants, true);
            renderer.setSeriesStroke(i + variants, new BasicStroke(2.0f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 6f}, 0f));
        }
        XYPlot plot = Charts.xyPlot(data, keysAxis, msAxis, renderer);
        plot.addRangeMarker(Charts.intervalMarker(sweep.batchMs()));
        JFreeChart chart = Charts
                .styled(new JFreeChart("Processing time (solid) and total delay (dashed) vs state size",
                Charts.TITLE_FONT, plot, true));
        chart.addSubtitle(new TextTitle(String.format("%,d words/s, %d ms batches; bars: the lowest and highest "
                + "window median of each point", sweep.rateWordsPerS(), sweep.batchMs())));
        return chart;
    }

    private static double low(long min, long median) {
        return Math.max(1, min >= 0 ? min : median);
    }

    private static double high(long max, long median) {
        return Math.max(1, max >= 0 ? max : median);
    }

    /** One run's batches over time, like the Spark UI's streaming tab. */
    static JFreeChart timeline(RunSummary run, List<BatchesCsv.Row> rows) {
        XYSeries scheduling = new XYSeries("scheduling delay");
        XYSeries processing = new XYSeries("processing time");
        XYSeries total = new XYSeries("total delay");
        long start = rows.isEmpty() ? 0 : rows.get(0).batchTimeMs();
        double measureFrom = Double.NaN;
        double measureTo = Double.NaN;
        double stepsFrom = Double.NaN;
        double stepsTo = Double.NaN;
        long highestBeforeDrainMs = 0;
        long highestMs = 0;
        for (BatchesCsv.Row row : rows) {
            double seconds = (row.batchTimeMs() - start) / 1000.0;
            scheduling.add(seconds, row.schedulingDelayMs());
            processing.add(seconds, row.processingMs());
            total.add(seconds, row.totalDelayMs());
            highestMs = Math.max(highestMs, row.totalDelayMs());
            if (!row.phase().equals("drain")) {
                highestBeforeDrainMs = Math.max(highestBeforeDrainMs, row.totalDelayMs());
            }
            if (row.phase().equals("measure")) {
                measureFrom = Double.isNaN(measureFrom) ? seconds : measureFrom;
                measureTo = seconds;
            } else if (row.phase().equals("step")) {
                stepsFrom = Double.isNaN(stepsFrom) ? seconds : stepsFrom;
                stepsTo = seconds;
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(scheduling);
        data.addSeries(processing);
        data.addSeries(total);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < 3; i++) {
            renderer.setSeriesPaint(i, Charts.palette(i + 3));
            renderer.setSeriesStroke(i, new BasicStroke(2.0f));
        }
        NumberAxis msAxis = new NumberAxis("Per batch (ms)");
        // The drain sends every key once more: at millions of keys its batches dwarf the measured ones, so the
        // scale follows the batches before it (the drain's tops are cut, and the subtitle says so).
        boolean drainCut = highestMs > 2 * Math.max(highestBeforeDrainMs, run.batchMs());
        if (drainCut) {
            msAxis.setRange(0, 1.1 * Math.max(highestBeforeDrainMs, run.batchMs()));
        }
        XYPlot plot = new XYPlot(data, new NumberAxis("Batch time since start (s)"), msAxis, renderer);
        plot.addRangeMarker(Charts.intervalMarker(run.batchMs()));
        if (!Double.isNaN(measureFrom)) {
            IntervalMarker window = new IntervalMarker(measureFrom, measureTo, new Color(0, 0, 0, 18));
            window.setLabel("measured");
            window.setLabelFont(Charts.TICK_FONT);
            plot.addDomainMarker(window);
        }
        if (!Double.isNaN(stepsFrom)) {
            IntervalMarker steps = new IntervalMarker(stepsFrom, stepsTo, new Color(0, 0, 160, 14));
            steps.setLabel("rate steps");
            steps.setLabelFont(Charts.TICK_FONT);
            plot.addDomainMarker(steps);
        }
        JFreeChart chart = Charts.styled(new JFreeChart(run.label() + " at " + String.format("%,d", run.keys())
                + " keys",
                Charts.TITLE_FONT, plot, true));
        chart.addSubtitle(new TextTitle(String.format("%,d words/s; %s; counts %s%s", run.rateWordsPerS(),
                run.keepingUp() ? "keeping up" : "FALLING BEHIND", run.countsVerified() ? "verified" : "NOT verified",
                drainCut ? String.format("; the drain's batches (up to %,d ms) are cut at the top", highestMs) : "")));
        return chart;
    }

    /** State memory per key, for the runs whose engine reports it; null when none does. */
    static JFreeChart stateBytesPerKey(SweepSummary sweep) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (RunSummary run : sweep.runs()) {
            if (run.stateBytesAtEnd() > 0 && run.distinctKeys() > 0) {
                series.computeIfAbsent(run.label(), v -> new XYSeries(v, true, false))
                        .add(run.distinctKeys(), run.stateBytesAtEnd() / (double) run.distinctKeys());
            }
        }
        if (series.isEmpty()) {
            return null;
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        LogAxis keysAxis = Charts.logAxis("State size (distinct keys, log scale)");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, Charts.palette(i + 6));
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
        }
        XYPlot plot = Charts.xyPlot(data, keysAxis, new NumberAxis("State memory per key (bytes)"), renderer);
        JFreeChart chart = Charts.styled(new JFreeChart("State memory per key (as the state store reports it)",
                Charts.TITLE_FONT,
                plot, true));
        chart.addSubtitle(new TextTitle("DStream state is not reported by Spark and is not shown"));
        return chart;
    }

    static String html(SweepSummary sweep, List<String> images, Map<RunSummary, String> timelines,
                               List<SearchSummary> searches) {
        StringBuilder out = new StringBuilder(HtmlPage.head());
        out.append("<h1>statelab report</h1>\n")
                .append(String.format("<p>%,d words/s, %d ms batches, %d s measured per point. A figure with a "
                                + "spread is the median of the point's window medians (the lowest..highest window "
                                + "median).</p>%n", sweep.rateWordsPerS(), sweep.batchMs(), sweep.measureMs() / 1000))
                .append(Tables.points(sweep.runs()).html());
        if (!searches.isEmpty()) {
            out.append("<h2>Highest sustained rate</h2>\n").append(Tables.searches(searches).html());
        }
        images.forEach(image -> out.append(HtmlPage.image(image)));
        out.append("<h2>Per run</h2>\n");
        timelines.forEach((run, image) -> out.append(HtmlPage.image(image)));
        return out.append("</body></html>\n").toString();
    }
}
