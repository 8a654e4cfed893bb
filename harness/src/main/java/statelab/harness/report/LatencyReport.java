package statelab.harness.report;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import statelab.harness.results.RunFiles;
import statelab.harness.results.RunSummary;

/**
 * The words' end-to-end latency (from when a word's line was due to when its batch's output was complete):
 * <ul>
 *   <li>{@code latency-vs-keys.png}: each variant's p50 (solid) and p99 (dashed) against state size;</li>
 *   <li>{@code latency-<run>.png}: one run's latency batch by batch, from its {@code latencyMs.hlog}.</li>
 * </ul>
 */
final class LatencyReport {

    private LatencyReport() {
    }

    /** p50 and p99 latency against distinct keys, per variant; null when no run measured latency. */
    static JFreeChart latencyVersusKeys(List<RunSummary> runs, long batchMs, long rateWordsPerS) {
        Map<String, XYSeries> p50 = new LinkedHashMap<>();
        Map<String, XYSeries> p99 = new LinkedHashMap<>();
        for (RunSummary run : runs) {
            if (run.latencyP50Ms() < 0) {
                continue;
            }
            p50.computeIfAbsent(run.label(), v -> new XYSeries(v + " p50", true, false))
                    .add(run.keys(), Math.max(1, run.latencyP50Ms()));
            p99.computeIfAbsent(run.label(), v -> new XYSeries(v + " p99", true, false))
                    .add(run.keys(), Math.max(1, run.latencyP99Ms()));
        }
        if (p50.isEmpty()) {
            return null;
        }
        XYSeriesCollection data = new XYSeriesCollection();
        p50.values().forEach(data::addSeries);
        p99.values().forEach(data::addSeries);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Charts.solidAndDashed(renderer, p50.size());
        LogAxis keysAxis = Charts.logAxis("State size (distinct keys, log scale)");
        LogAxis msAxis = Charts.logAxis("Word latency (ms, log scale)");
        XYPlot plot = Charts.xyPlot(data, keysAxis, msAxis, renderer);
        plot.addRangeMarker(Charts.intervalMarker(batchMs));
        Charts.legend(plot, Charts.intervalLegend(batchMs));
        JFreeChart chart = Charts.styled(new JFreeChart("Word latency (p50 solid, p99 dashed) vs state size",
                Charts.TITLE_FONT, plot, true));
        chart.addSubtitle(new TextTitle(String.format("%,d words/s, %d ms batches; from a line's due time on the "
                + "load generator's schedule to its batch's output", rateWordsPerS, batchMs)));
        return chart;
    }

    /** One run's word latency batch by batch (p50, p99 and max of each batch's words); null without a log. */
    static JFreeChart timeline(RunSummary run, Path runDir) throws IOException {
        Path log = runDir.resolve(RunFiles.LATENCY_LOG);
        if (!Files.isRegularFile(log)) {
            return null;
        }
        XYSeries p50 = new XYSeries("p50");
        XYSeries p99 = new XYSeries("p99");
        XYSeries max = new XYSeries("max");
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
            double startMs = Double.NaN;
            for (EncodableHistogram read = reader.nextIntervalHistogram(); read != null;
                    read = reader.nextIntervalHistogram()) {
                Histogram batch = (Histogram) read;
                if (batch.getTotalCount() == 0) {
                    continue;
                }
                startMs = Double.isNaN(startMs) ? batch.getStartTimeStamp() : startMs;
                double seconds = (batch.getStartTimeStamp() - startMs) / 1000.0;
                p50.add(seconds, batch.getValueAtPercentile(50));
                p99.add(seconds, batch.getValueAtPercentile(99));
                max.add(seconds, batch.getMaxValue());
            }
        }
        if (p50.isEmpty()) {
            return null;
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(p50);
        data.addSeries(p99);
        data.addSeries(max);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < 3; i++) {
            renderer.setSeriesPaint(i, Charts.palette(i + 3));
            renderer.setSeriesStroke(i, new BasicStroke(2.0f));
        }
        NumberAxis msAxis = new NumberAxis("Word latency in the batch (ms)");
        msAxis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        msAxis.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, new NumberAxis("Measured batch time since the window began (s)"), msAxis,
                renderer);
        plot.addRangeMarker(Charts.intervalMarker(run.batchMs()));
        Charts.legend(plot, Charts.intervalLegend(run.batchMs()));
        JFreeChart chart = Charts.styled(new JFreeChart(String.format("%s at %,d keys: word latency", run.label(),
                run.keys()), Charts.TITLE_FONT, plot, true));
        chart.addSubtitle(new TextTitle(String.format("p50 %,d ms, p99 %,d ms, p99.9 %,d ms over the window; "
                + "a word waits about half an interval for its batch, then the batch's total delay",
                run.latencyP50Ms(), run.latencyP99Ms(), run.latencyP999Ms())));
        return chart;
    }
}
