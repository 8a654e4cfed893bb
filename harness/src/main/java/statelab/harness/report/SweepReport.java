package statelab.harness.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
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
 *   <li>{@code state-bytes-per-key.png}: state memory per key, for every variant that reports state memory
 *       ({@link #stateBytesPerKey});</li>
 *   <li>the words' end-to-end latency against state size and per run ({@link LatencyReport});</li>
 *   <li>the searches below it ({@link SearchReport}), and {@code report.html} with a table of every run.</li>
 * </ul>
 */
final class SweepReport {

    /** A timeline's axis reaches this far above the highest value it is scaled to. */
    static final double TIMELINE_HEADROOM = 1.1;
    /** Batches outside the window up to this factor above the axis's top widen it rather than being cut. */
    static final double TIMELINE_TOLERANCE = 1.25;

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
        JFreeChart latency = LatencyReport.latencyVersusKeys(sweep.runs(), sweep.batchMs(), sweep.rateWordsPerS());
        if (latency != null) {
            images.add(Charts.save(latency, dir.resolve("latency-vs-keys.png")));
        }
        Map<RunSummary, List<String>> timelines = new LinkedHashMap<>();
        for (RunSummary run : sweep.runs()) {
            Path runDir = SweepSummary.runDirectory(dir, run);
            Path csv = runDir.resolve("batches.csv");
            String name = RunSummary.directoryName(run.label(), run.keys()) + ".png";
            List<String> charts = new ArrayList<>();
            if (Files.isRegularFile(csv)) {
                charts.add(Charts.save(timeline(run, BatchesCsv.read(csv)), dir.resolve("timeline-" + name)));
            }
            JFreeChart runLatency = LatencyReport.timeline(run, runDir);
            if (runLatency != null) {
                charts.add(Charts.save(runLatency, dir.resolve("latency-" + name)));
            }
            timelines.put(run, charts);
        }
        List<SearchSummary> searches = SearchReport.searchesBelow(dir);
        if (!searches.isEmpty()) {
            images.add(Charts.save(SearchReport.searchRates(searches), dir.resolve("search-rates.png")));
        }
        Path html = dir.resolve("report.html");
        Files.writeString(html, html(sweep, images, timelines, searches,
                ProgressReport.html(sweep.runs()) + ProfileReport.html(dir, sweep.runs())),
                StandardCharsets.UTF_8);
        return html;
    }

    /**
     * Median processing time and total delay against distinct keys, per variant (log-scale keys; the ms axis
     * linear when everything, the batch interval included, lies within a decade).
     */
    static JFreeChart delayVersusKeys(SweepSummary sweep) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        Map<String, YIntervalSeries> processing = new LinkedHashMap<>();
        Map<String, YIntervalSeries> total = new LinkedHashMap<>();
        List<Double> values = new ArrayList<>();
        for (RunSummary run : sweep.runs()) {
            double[] p = {Math.max(1, run.medianProcessingMs()), low(run.medianProcessingMinMs(),
                    run.medianProcessingMs()), high(run.medianProcessingMaxMs(), run.medianProcessingMs())};
            double[] t = {Math.max(1, run.medianTotalDelayMs()), low(run.medianTotalDelayMinMs(),
                    run.medianTotalDelayMs()), high(run.medianTotalDelayMaxMs(), run.medianTotalDelayMs())};
            processing.computeIfAbsent(run.label(), v -> new YIntervalSeries(v + " processing", true, false))
                    .add(run.keys(), p[0], p[1], p[2]);
            total.computeIfAbsent(run.label(), v -> new YIntervalSeries(v + " total delay", true, false))
                    .add(run.keys(), t[0], t[1], t[2]);
            for (int i = 0; i < 3; i++) {
                values.add(p[i]);
                values.add(t[i]);
            }
        }
        processing.values().forEach(data::addSeries);
        total.values().forEach(data::addSeries);
        LogAxis keysAxis = Charts.logAxis("State size (distinct keys, log scale)");
        ValueAxis msAxis = Charts.msAxis("Median per batch", sweep.batchMs(), values);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setCapLength(8);
        Charts.solidAndDashed(renderer, processing.size());
        XYPlot plot = Charts.xyPlot(data, keysAxis, msAxis, renderer);
        plot.addRangeMarker(Charts.intervalMarker(sweep.batchMs()));
        Charts.legend(plot, Charts.intervalLegend(sweep.batchMs()));
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

    /**
     * One run's batches over time, like the Spark UI's streaming tab. The ms axis is scaled to the measured
     * window (its batches, the rate steps' and the batch interval): batches outside it that go higher, the
     * fill's or the drain's, are cut at the top and the subtitle says how high they went.
     */
    static JFreeChart timeline(RunSummary run, List<BatchesCsv.Row> rows) {
        XYSeries scheduling = new XYSeries("scheduling delay");
        XYSeries processing = new XYSeries("processing time");
        XYSeries total = new XYSeries("total delay");
        long start = rows.isEmpty() ? 0 : rows.get(0).batchTimeMs();
        double measureFrom = Double.NaN;
        double measureTo = Double.NaN;
        double stepsFrom = Double.NaN;
        double stepsTo = Double.NaN;
        long measuredHighestMs = -1;
        long beforeHighestMs = 0;
        long drainHighestMs = 0;
        for (BatchesCsv.Row row : rows) {
            double seconds = (row.batchTimeMs() - start) / 1000.0;
            scheduling.add(seconds, row.schedulingDelayMs());
            processing.add(seconds, row.processingMs());
            total.add(seconds, row.totalDelayMs());
            long highest = Math.max(row.totalDelayMs(), Math.max(row.processingMs(), row.schedulingDelayMs()));
            switch (row.phase()) {
                case "measure", "step" -> measuredHighestMs = Math.max(measuredHighestMs, highest);
                case "drain" -> drainHighestMs = Math.max(drainHighestMs, highest);
                default -> beforeHighestMs = Math.max(beforeHighestMs, highest);
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
        // The window sets the scale: at millions of keys the fill's and the drain's batches dwarf the measured
        // ones. Without a window (a run that measured nothing) the batches before the drain set it.
        long scaleMs = Math.max(run.batchMs(), measuredHighestMs >= 0 ? measuredHighestMs : beforeHighestMs);
        double top = TIMELINE_HEADROOM * scaleMs;
        List<String> cut = new ArrayList<>();
        if (measuredHighestMs >= 0 && beforeHighestMs > top) {
            if (beforeHighestMs <= TIMELINE_TOLERANCE * top) {
                top = TIMELINE_HEADROOM * beforeHighestMs;
            } else {
                cut.add(String.format("the warm-up's batches (up to %,d ms)", beforeHighestMs));
            }
        }
        if (drainHighestMs > top) {
            if (drainHighestMs <= TIMELINE_TOLERANCE * top) {
                top = TIMELINE_HEADROOM * drainHighestMs;
            } else {
                cut.add(String.format("the drain's batches (up to %,d ms)", drainHighestMs));
            }
        }
        NumberAxis msAxis = new NumberAxis("Per batch (ms)");
        msAxis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        msAxis.setRange(0, top);
        XYPlot plot = new XYPlot(data, new NumberAxis("Batch time since start (s)"), msAxis, renderer);
        plot.addRangeMarker(Charts.intervalMarker(run.batchMs()));
        List<LegendItem> extra = new ArrayList<>();
        extra.add(Charts.intervalLegend(run.batchMs()));
        if (!Double.isNaN(measureFrom)) {
            Color shade = new Color(0, 0, 0, 18);
            plot.addDomainMarker(new IntervalMarker(measureFrom, measureTo, shade));
            extra.add(Charts.shadedLegend("measured", shade));
        }
        if (!Double.isNaN(stepsFrom)) {
            Color shade = new Color(0, 0, 160, 14);
            plot.addDomainMarker(new IntervalMarker(stepsFrom, stepsTo, shade));
            extra.add(Charts.shadedLegend("rate steps", shade));
        }
        Charts.legend(plot, extra.toArray(new LegendItem[0]));
        JFreeChart chart = Charts.styled(new JFreeChart(run.label() + " at " + String.format("%,d", run.keys())
                + " keys",
                Charts.TITLE_FONT, plot, true));
        chart.addSubtitle(new TextTitle(String.format("%,d words/s; %s; counts %s%s", run.rateWordsPerS(),
                run.keepingUp() ? "keeping up" : "FALLING BEHIND", run.countsVerified() ? "verified" : "NOT verified",
                cut.isEmpty() ? "" : "; cut at the top: " + String.join(", ", cut))));
        return chart;
    }

    /**
     * State memory per key at the end of each run, for the runs whose engine reports it (every stateful variant:
     * the stateless count and the table re-aggregation, whose table is on disk, report none); null when none does.
     * The bytes are not all of one kind, and the chart says so: the DStream variants report their newest state RDD
     * in Spark's memory store, as JVM objects estimated by Spark's SizeEstimator ({@code mapWithState}, kept
     * deserialized) or as Kryo-serialized bytes ({@code updateStateByKey}, kept serialized); Structured Streaming's
     * HDFS-backed store reports its maps as JVM objects, also estimated by SizeEstimator; the RocksDB store reports
     * RocksDB's own memory (its caches and write buffers), not the state, which it keeps on local disk.
     */
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
        JFreeChart chart = Charts.styled(new JFreeChart("State memory per key (as Spark reports it)",
                Charts.TITLE_FONT,
                plot, true));
        chart.addSubtitle(new TextTitle("JVM objects as Spark's SizeEstimator sizes them (mapWithState, Structured's "
                + "HDFS-backed store); serialized bytes (updateStateByKey's state RDD is kept serialized)"));
        chart.addSubtitle(new TextTitle("RocksDB: RocksDB's own memory, not the state (which is on local disk)"));
        return chart;
    }

    /**
     * The page; {@code sections}: the Structured runs' figures ({@link ProgressReport}) and the profiled runs'
     * ({@link ProfileReport}), empty when there are none.
     */
    static String html(SweepSummary sweep, List<String> images, Map<RunSummary, List<String>> timelines,
                               List<SearchSummary> searches, String sections) {
        StringBuilder out = new StringBuilder(HtmlPage.head());
        out.append("<h1>statelab report</h1>\n")
                .append(String.format("<p>%,d words/s, %d ms batches, %d s measured per point. A figure with a "
                                + "spread is the median of the point's window medians (the lowest..highest window "
                                + "median).</p>%n", sweep.rateWordsPerS(), sweep.batchMs(), sweep.measureMs() / 1000))
                .append(Tables.points(sweep.runs()).html());
        if (Tables.anyLatency(sweep.runs())) {
            out.append("<h2>End-to-end latency of every word</h2>\n<p>From when a word's line was due on the load "
                    + "generator's schedule to when the batch holding it had its output complete: the wait for the "
                    + "batch (about half an interval), the batch's scheduling delay and its processing.</p>\n")
                    .append(Tables.latency(sweep.runs()).html());
        }
        if (Tables.anyStateMemory(sweep.runs())) {
            out.append("<h2>State memory</h2>\n<p>At the end of each point, as each engine reports it (not the "
                    + "same thing for every variant: see the last columns); RocksDB keeps the state itself in SST "
                    + "files on local disk.</p>\n").append(Tables.stateMemory(sweep.runs()).html());
        }
        if (!searches.isEmpty()) {
            out.append("<h2>Highest sustained rate</h2>\n").append(Tables.searches(searches).html());
        }
        images.forEach(image -> out.append(HtmlPage.image(image)));
        out.append(sections).append("<h2>Per run</h2>\n");
        timelines.forEach((run, charts) -> charts.forEach(image -> out.append(HtmlPage.image(image))));
        return out.append("</body></html>\n").toString();
    }
}
