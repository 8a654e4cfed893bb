package statelab.harness;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import statelab.core.LabException;

/**
 * Draws a results directory (a sweep or a single run) as PNG charts and a {@code report.html}:
 * <ul>
 *   <li>{@code delay-vs-keys.png}: median processing time and median total delay against state size (distinct
 *       keys), one line per variant: the chart the Databricks blog drew for mapWithState vs updateStateByKey;</li>
 *   <li>{@code timeline-<run>.png}: each run's scheduling delay, processing time and total delay per batch,
 *       like the Spark UI's streaming tab, with the batch interval and the measured window marked;</li>
 *   <li>{@code state-bytes-per-key.png}: state memory per key, where the engine reports state memory;</li>
 *   <li>{@code search-rates.png}: the highest sustained rate of every search below {@code search/} (from
 *       {@code lab search}), and for a search directory itself, {@code search-probes.png}: each probe's median
 *       processing time against its rate, sustained or not.</li>
 * </ul>
 * For the results of {@code ./lab recovery}: {@code recovery.png}, restart-to-first-batch and catch-up time
 * against state size, and a table.
 */
public final class Report {

    static final int WIDTH = 900;
    static final int HEIGHT = 500;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private Report() {
    }

    /** Writes the charts and report.html into {@code dir}; returns the report's path. */
    public static Path write(Path dir) throws IOException {
        if (Search.Summary.isSearch(dir)) {
            return writeSearch(dir);
        }
        Path file = dir.resolve(SweepSummary.FILE);
        if (Files.isRegularFile(file) && RecoverySummary.FORMAT.equals(
                SweepSummary.JSON.readTree(file.toFile()).path("format").asText(""))) {
            return writeRecovery(dir, RecoverySummary.readIfPresent(dir));
        }
        SweepSummary sweep = SweepSummary.read(dir);
        if (sweep.runs().isEmpty()) {
            throw new LabException(dir + " holds no finished runs yet");
        }
        if (!Files.isWritable(dir)) {
            throw new LabException("cannot write the report into " + dir + ": not writable");
        }
        List<String> images = new ArrayList<>();
        images.add(save(delayVersusKeys(sweep), dir.resolve("delay-vs-keys.png")));
        JFreeChart bytes = stateBytesPerKey(sweep);
        if (bytes != null) {
            images.add(save(bytes, dir.resolve("state-bytes-per-key.png")));
        }
        Map<RunSummary, String> timelines = new LinkedHashMap<>();
        for (RunSummary run : sweep.runs()) {
            Path csv = SweepSummary.runDirectory(dir, run).resolve("batches.csv");
            if (Files.isRegularFile(csv)) {
                String name = "timeline-" + RunSummary.directoryName(run.label(), run.keys()) + ".png";
                timelines.put(run, save(timeline(run, BatchesCsv.read(csv)), dir.resolve(name)));
            }
        }
        List<Search.Summary> searches = searchesBelow(dir);
        if (!searches.isEmpty()) {
            images.add(save(searchRates(searches), dir.resolve("search-rates.png")));
        }
        Path html = dir.resolve("report.html");
        Files.writeString(html, html(sweep, images, timelines, searches), StandardCharsets.UTF_8);
        return html;
    }

    /** The searches in {@code dir/search/*}, by variant and keys. */
    static List<Search.Summary> searchesBelow(Path dir) throws IOException {
        Path root = dir.resolve("search");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var children = Files.list(root)) {
            return children.filter(Search.Summary::isSearch).map(Search.Summary::read)
                    .sorted(java.util.Comparator.comparing(Search.Summary::variant)
                            .thenComparingLong(Search.Summary::keys))
                    .toList();
        }
    }

    /** A search directory on its own: its probes chart and a table. */
    private static Path writeSearch(Path dir) throws IOException {
        Search.Summary search = Search.Summary.read(dir);
        if (search.probes().isEmpty()) {
            throw new LabException(dir + " holds no finished probes yet");
        }
        String image = save(searchProbes(search), dir.resolve("search-probes.png"));
        StringBuilder out = new StringBuilder(htmlHead());
        out.append("<h1>statelab report</h1>\n").append(searchTable(List.of(search)))
                .append("<p><img src=\"").append(image).append("\" width=\"").append(WIDTH).append("\"></p>\n")
                .append("</body></html>\n");
        Path html = dir.resolve("report.html");
        Files.writeString(html, out.toString(), StandardCharsets.UTF_8);
        return html;
    }

    /** The highest sustained rate per variant, one bar per searched key count (log scale). */
    static JFreeChart searchRates(List<Search.Summary> searches) {
        org.jfree.data.category.DefaultCategoryDataset data = new org.jfree.data.category.DefaultCategoryDataset();
        for (Search.Summary search : searches) {
            if (search.highestSustainedRateWordsPerS() > 0) {
                data.addValue(search.highestSustainedRateWordsPerS(), String.format("%,d keys", search.keys()),
                        search.variant());
            }
        }
        LogAxis rateAxis = logAxis("Highest sustained rate (words/s, log scale)");
        rateAxis.setSmallestValue(1_000); // a search's lowest rate by default
        org.jfree.chart.renderer.category.BarRenderer renderer = new org.jfree.chart.renderer.category.BarRenderer();
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, palette(i));
        }
        org.jfree.chart.axis.CategoryAxis variants = new org.jfree.chart.axis.CategoryAxis("Variant");
        variants.setMaximumCategoryLabelLines(2); // long names wrap instead of being cut
        variants.setMaximumCategoryLabelWidthRatio(1.5f);
        org.jfree.chart.plot.CategoryPlot plot = new org.jfree.chart.plot.CategoryPlot(data, variants, rateAxis,
                renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        plot.getDomainAxis().setLabelFont(AXIS_FONT);
        plot.getDomainAxis().setTickLabelFont(TICK_FONT);
        plot.getRangeAxis().setLabelFont(AXIS_FONT);
        plot.getRangeAxis().setTickLabelFont(TICK_FONT);
        JFreeChart chart = new JFreeChart("Highest sustained update rate", TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(TICK_FONT);
        chart.addSubtitle(new TextTitle(String.format("%d ms batches; a missing bar: no probed rate was sustained",
                searches.get(0).batchMs())));
        return chart;
    }

    /** One search's probes: median processing time against the rate, sustained and failed apart. */
    static JFreeChart searchProbes(Search.Summary search) {
        XYSeries sustained = new XYSeries("sustained", true, false);
        XYSeries failed = new XYSeries("not sustained", true, false);
        for (Search.Probe probe : search.probes()) {
            (probe.sustained() ? sustained : failed).add(probe.rateWordsPerS(),
                    Math.max(1, probe.run().medianProcessingMs()));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(sustained);
        data.addSeries(failed);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, palette(2));
        renderer.setSeriesPaint(1, palette(3));
        XYPlot plot = xyPlot(data, logAxis("Rate (words/s, log scale)"), logAxis("Median processing (ms, log scale)"),
                renderer);
        plot.addRangeMarker(intervalMarker(search.batchMs()));
        JFreeChart chart = styled(new JFreeChart(String.format("%s at %,d keys: probes", search.variant(),
                search.keys()), TITLE_FONT, plot, true));
        chart.addSubtitle(new TextTitle(search.conclusion()));
        return chart;
    }

    private static String searchTable(List<Search.Summary> searches) {
        StringBuilder out = new StringBuilder("<h2>Highest sustained rate</h2>\n<table><tr><th>variant</th>"
                + "<th>keys</th><th>highest sustained words/s</th><th>lowest failed words/s</th><th>probes</th>"
                + "<th>conclusion</th></tr>\n");
        for (Search.Summary search : searches) {
            StringBuilder probes = new StringBuilder();
            for (Search.Probe probe : search.probes()) {
                probes.append(String.format("%s%,d %s (%d ms)", probes.length() == 0 ? "" : "<br>",
                        probe.rateWordsPerS(), probe.sustained() ? "ok" : "<span class=\"bad\">no</span>",
                        probe.run().medianProcessingMs()));
            }
            out.append(String.format("<tr><td>%s</td><td>%,d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>%n",
                    escape(search.variant()), search.keys(), rate(search.highestSustainedRateWordsPerS()),
                    rate(search.lowestFailedRateWordsPerS()), probes, escape(search.conclusion())));
        }
        return out.append("</table>\n").toString();
    }

    private static String rate(long wordsPerS) {
        return wordsPerS < 0 ? "none" : String.format("%,d", wordsPerS);
    }

    private static String save(JFreeChart chart, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file.getFileName().toString();
    }

    /** Median processing time and total delay against distinct keys, per variant (log-scale keys). */
    static JFreeChart delayVersusKeys(SweepSummary sweep) {
        XYSeriesCollection data = new XYSeriesCollection();
        Map<String, XYSeries> processing = new LinkedHashMap<>();
        Map<String, XYSeries> total = new LinkedHashMap<>();
        for (RunSummary run : sweep.runs()) {
            processing.computeIfAbsent(run.label(), v -> new XYSeries(v + " processing", true, false))
                    .add(run.keys(), run.medianProcessingMs());
            total.computeIfAbsent(run.label(), v -> new XYSeries(v + " total delay", true, false))
                    .add(run.keys(), Math.max(1, run.medianTotalDelayMs()));
        }
        processing.values().forEach(data::addSeries);
        total.values().forEach(data::addSeries);
        LogAxis keysAxis = logAxis("State size (distinct keys, log scale)");
        LogAxis msAxis = logAxis("Median per batch (ms, log scale)");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int variants = processing.size();
        for (int i = 0; i < variants; i++) {
            Color color = palette(i);
            renderer.setSeriesPaint(i, color);
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
            renderer.setSeriesPaint(i + variants, color);
            renderer.setSeriesStroke(i + variants, new BasicStroke(2.0f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 6f}, 0f));
        }
        XYPlot plot = xyPlot(data, keysAxis, msAxis, renderer);
        plot.addRangeMarker(intervalMarker(sweep.batchMs()));
        JFreeChart chart = styled(new JFreeChart("Processing time (solid) and total delay (dashed) vs state size",
                TITLE_FONT, plot, true));
        chart.addSubtitle(new TextTitle(String.format("%,d words/s, %d ms batches", sweep.rateWordsPerS(),
                sweep.batchMs())));
        return chart;
    }

    private static Path writeRecovery(Path dir, RecoverySummary recovery) throws IOException {
        if (!Files.isWritable(dir)) {
            throw new LabException("cannot write the report into " + dir + ": not writable");
        }
        String image = save(recoveryVersusKeys(recovery), dir.resolve("recovery.png"));
        StringBuilder out = new StringBuilder(htmlHead())
                .append(String.format("<h1>statelab recovery</h1>%n<p>%,d words/s, %d ms batches; each variant's JVM "
                        + "killed with SIGKILL and restarted on its checkpoint.</p>%n", recovery.rateWordsPerS(),
                        recovery.batchMs()))
                .append("<table><tr><th>variant</th><th>state keys</th><th>median processing before the kill ms</th>"
                        + "<th>restart to first batch ms</th><th>first batch processing ms</th><th>catch-up ms</th>"
                        + "<th>batches to catch up</th><th>counts verified</th></tr>\n");
        for (RecoverySummary.Run run : recovery.runs()) {
            out.append(String.format("<tr><td>%s</td><td>%,d</td><td>%d</td><td>%d</td><td>%d</td><td%s>%s</td>"
                            + "<td>%d</td><td%s>%s</td></tr>%n", escape(run.label()), run.stateKeys(),
                    run.medianProcessingBeforeKillMs(), run.restartToFirstBatchMs(), run.firstBatchProcessingMs(),
                    run.catchUpMs() < 0 ? " class=\"bad\"" : "", run.catchUpMs() < 0 ? "not caught up"
                            : Long.toString(run.catchUpMs()), run.batchesToCatchUp(),
                    run.countsVerified() ? "" : " class=\"bad\"", (run.countsVerified() ? "yes" : "no")
                            + (run.countsNote().isEmpty() ? "" : ": " + escape(run.countsNote()))));
        }
        out.append("</table>\n<p><img src=\"").append(image).append("\" width=\"").append(WIDTH)
                .append("\"></p>\n</body></html>\n");
        Path html = dir.resolve("report.html");
        Files.writeString(html, out, StandardCharsets.UTF_8);
        return html;
    }

    /** Restart-to-first-batch (solid) and catch-up time (dashed) against state size, per variant (log scales). */
    static JFreeChart recoveryVersusKeys(RecoverySummary recovery) {
        Map<String, XYSeries> restart = new LinkedHashMap<>();
        Map<String, XYSeries> catchUp = new LinkedHashMap<>();
        for (RecoverySummary.Run run : recovery.runs()) {
            XYSeries first = restart.computeIfAbsent(run.label(), v -> new XYSeries(v + " first batch", true, false));
            XYSeries caught = catchUp.computeIfAbsent(run.label(), v -> new XYSeries(v + " caught up", true, false));
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
        int variants = restart.size();
        for (int i = 0; i < variants; i++) {
            renderer.setSeriesPaint(i, palette(i));
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
            renderer.setSeriesPaint(i + variants, palette(i));
            renderer.setSeriesStroke(i + variants, new BasicStroke(2.0f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 6f}, 0f));
        }
        XYPlot plot = xyPlot(data, logAxis("State size at the kill (distinct keys, log scale)"),
                logAxis("Time after the restart (ms, log scale)"), renderer);
        JFreeChart chart = styled(new JFreeChart("Recovery after SIGKILL: first batch (solid), caught up (dashed)",
                TITLE_FONT, plot, true));
        chart.addSubtitle(new TextTitle(String.format("%,d words/s, %d ms batches", recovery.rateWordsPerS(),
                recovery.batchMs())));
        return chart;
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
            renderer.setSeriesPaint(i, palette(i + 3));
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
        plot.addRangeMarker(intervalMarker(run.batchMs()));
        if (!Double.isNaN(measureFrom)) {
            IntervalMarker window = new IntervalMarker(measureFrom, measureTo, new Color(0, 0, 0, 18));
            window.setLabel("measured");
            window.setLabelFont(TICK_FONT);
            plot.addDomainMarker(window);
        }
        if (!Double.isNaN(stepsFrom)) {
            IntervalMarker steps = new IntervalMarker(stepsFrom, stepsTo, new Color(0, 0, 160, 14));
            steps.setLabel("rate steps");
            steps.setLabelFont(TICK_FONT);
            plot.addDomainMarker(steps);
        }
        JFreeChart chart = styled(new JFreeChart(run.label() + " at " + String.format("%,d", run.keys()) + " keys",
                TITLE_FONT, plot, true));
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
        LogAxis keysAxis = logAxis("State size (distinct keys, log scale)");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, palette(i + 6));
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
        }
        XYPlot plot = xyPlot(data, keysAxis, new NumberAxis("State memory per key (bytes)"), renderer);
        JFreeChart chart = styled(new JFreeChart("State memory per key (as the state store reports it)", TITLE_FONT,
                plot, true));
        chart.addSubtitle(new TextTitle("DStream state is not reported by Spark and is not shown"));
        return chart;
    }

    /**
     * An XY plot. A log axis over a single value (a sweep of one key count, a search of one probe) would have an
     * empty range, which JFreeChart refuses: it spans a decade either side of the value instead.
     */
    private static XYPlot xyPlot(XYSeriesCollection data, org.jfree.chart.axis.ValueAxis x,
                                 org.jfree.chart.axis.ValueAxis y, org.jfree.chart.renderer.xy.XYItemRenderer renderer) {
        fitSingleValue(x, data.getDomainLowerBound(false), data.getDomainUpperBound(false));
        fitSingleValue(y, data.getRangeLowerBound(false), data.getRangeUpperBound(false));
        return new XYPlot(data, x, y, renderer);
    }

    private static void fitSingleValue(org.jfree.chart.axis.ValueAxis axis, double lower, double upper) {
        if (axis instanceof LogAxis && lower == upper && lower > 0) {
            axis.setAutoRange(false);
            axis.setRange(lower / 10, upper * 10);
        }
    }

    /** A base-10 log axis with a tick per decade, labelled with plain numbers (1,000 rather than 10^3). */
    private static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setSmallestValue(1);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        return axis;
    }

    private static ValueMarker intervalMarker(long batchMs) {
        ValueMarker marker = new ValueMarker(batchMs, Color.RED, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {3f, 3f}, 0f));
        marker.setLabel("batch interval " + batchMs + " ms");
        marker.setLabelFont(TICK_FONT);
        marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
        return marker;
    }

    private static JFreeChart styled(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        plot.getDomainAxis().setLabelFont(AXIS_FONT);
        plot.getRangeAxis().setLabelFont(AXIS_FONT);
        plot.getDomainAxis().setTickLabelFont(TICK_FONT);
        plot.getRangeAxis().setTickLabelFont(TICK_FONT);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(TICK_FONT);
        }
        return chart;
    }

    private static Color palette(int i) {
        Color[] colors = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(127, 127, 127), new Color(188, 189, 34)};
        return colors[i % colors.length];
    }

    private static String html(SweepSummary sweep, List<String> images, Map<RunSummary, String> timelines,
                               List<Search.Summary> searches) {
        StringBuilder out = new StringBuilder(htmlHead());
        out.append("<h1>statelab report</h1>\n")
                .append(String.format("<p>%,d words/s, %d ms batches, %d s measured per run.</p>%n",
                        sweep.rateWordsPerS(), sweep.batchMs(), sweep.measureMs() / 1000))
                .append("<table><tr><th>variant</th><th>keys</th><th>median processing ms</th>"
                        + "<th>p99 processing ms</th><th>median total delay ms</th><th>p99 total delay ms</th>"
                        + "<th>max scheduling delay ms</th><th>keeping up</th><th>counts verified</th></tr>\n");
        for (RunSummary run : sweep.runs()) {
            out.append(String.format("<tr><td>%s</td><td>%,d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td>"
                            + "<td>%d</td><td%s>%s</td><td%s>%s</td></tr>%n", escape(run.label()), run.keys(),
                    run.medianProcessingMs(), run.p99ProcessingMs(), run.medianTotalDelayMs(), run.p99TotalDelayMs(),
                    run.maxSchedulingDelayMs(), run.keepingUp() ? "" : " class=\"bad\"", run.keepingUp() ? "yes" : "no",
                    run.countsVerified() ? "" : " class=\"bad\"",
                    run.countsVerified() ? "yes" : "no: " + escape(run.countsNote())));
        }
        out.append("</table>\n");
        if (!searches.isEmpty()) {
            out.append(searchTable(searches));
        }
        for (String image : images) {
            out.append("<p><img src=\"").append(image).append("\" width=\"").append(WIDTH).append("\"></p>\n");
        }
        out.append("<h2>Per run</h2>\n");
        timelines.forEach((run, image) -> out.append("<p><img src=\"").append(image).append("\" width=\"")
                .append(WIDTH).append("\"></p>\n"));
        return out.append("</body></html>\n").toString();
    }

    private static String htmlHead() {
        return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>statelab report</title>\n"
                + "<style>body{font-family:sans-serif;max-width:960px;margin:auto}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                + "td:first-child{text-align:left}.bad{color:#c00;font-weight:bold}</style></head><body>\n";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
