package statelab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;
import statelab.harness.results.BatchesCsv;
import statelab.harness.results.ClimbRule;
import statelab.harness.results.ClimbSummary;
import statelab.harness.results.Outcome;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SweepSummary;

/**
 * The report's charts from summaries alone (no Spark run): the shapes a sweep can have, and the rules that keep
 * the numbers readable: a labelled value axis (linear within a decade, 1-2-5 on a log scale), the batch interval
 * always in range, timelines scaled to the measured window, names in the legend rather than over the data. The
 * charts are also written to {@code target/report-charts/} to be looked at.
 */
class ReportChartsTest {

    private static final Path LOOK = Path.of("target", "report-charts");

    private static void save(JFreeChart chart, String name) throws IOException {
        Files.createDirectories(LOOK);
        Charts.save(chart, LOOK.resolve(name + ".png"));
    }

    private static RunSummary run(String variant, long keys, long medianMs, long totalDelayMs, long batchMs) {
        return RunSummary.builder().variant(variant).source("socket").keys(keys).rateWordsPerS(50_000)
                .wordsPerLine(10).batchMs(batchMs).warmupMs(1000).measureMs(4000).master("local[3]").cores(2)
                .partitions(2).seed(1).startedAt("2025-01-01T00:00:00Z").measuredBatches(8)
                .medianProcessingMs(medianMs).p99ProcessingMs(medianMs).maxProcessingMs(medianMs)
                .medianNormalProcessingMs(medianMs).medianTotalDelayMs(totalDelayMs).p99TotalDelayMs(totalDelayMs)
                .maxSchedulingDelayMs(0).keepingUp(true).outcome(Outcome.VERIFIED, "").wordsSent(1000)
                .distinctKeys(keys).loadgenLagP99Ms(0.1).checkpointEveryBatches(10).build();
    }

    private static List<String> legend(XYPlot plot) {
        return labels(plot.getLegendItems());
    }

    private static List<String> labels(LegendItemCollection items) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < items.getItemCount(); i++) {
            labels.add(items.get(i).getLabel());
        }
        return labels;
    }

    @SuppressWarnings("unchecked")
    private static List<Marker> markers(XYPlot plot) {
        List<Marker> all = new ArrayList<>();
        for (Collection<Marker> some : new Collection[] {plot.getRangeMarkers(Layer.FOREGROUND),
            plot.getRangeMarkers(Layer.BACKGROUND), plot.getDomainMarkers(Layer.FOREGROUND),
            plot.getDomainMarkers(Layer.BACKGROUND)}) {
            if (some != null) {
                all.addAll(some);
            }
        }
        return all;
    }

    /** Notebook 06's stored sweep: every median between 118 and 444 ms, 500 ms batches. */
    private static SweepSummary withinADecade() {
        return new SweepSummary(SweepSummary.FORMAT, List.of("update-state", "map-with-state"),
                List.of(1_000L, 200_000L), 50_000, 500, 4_000, List.of(run("update-state", 1_000, 221, 224, 500),
                run("update-state", 200_000, 419, 444, 500), run("map-with-state", 1_000, 121, 126, 500),
                run("map-with-state", 200_000, 118, 121, 500)));
    }

    @Test
    void delaysWithinADecadeGetALinearAxisFromZeroWithTheIntervalInRange() throws IOException {
        JFreeChart chart = SweepReport.delayVersusKeys(withinADecade());
        save(chart, "delay-vs-keys-within-a-decade");

        ValueAxis ms = chart.getXYPlot().getRangeAxis();
        assertThat(ms).isInstanceOf(NumberAxis.class).isNotInstanceOf(LogAxis.class);
        assertThat(ms.getLowerBound()).isZero();
        assertThat(ms.getUpperBound()).as("above the 500 ms interval and the 444 ms point").isGreaterThan(500);
        assertThat(ms.getUpperBound()).as("but not much: the points fill the chart").isLessThan(700);
    }

    @Test
    void delaysOverDecadesGetALogAxisLabelledOneTwoFive() throws IOException {
        SweepSummary sweep = new SweepSummary(SweepSummary.FORMAT, List.of("update-state", "map-with-state"),
                List.of(10_000L, 1_000_000L), 30_000, 1000, 9_000, List.of(run("update-state", 10_000, 154, 160,
                1000), run("update-state", 1_000_000, 3_491, 40_000, 1000), run("map-with-state", 10_000, 130, 131,
                1000), run("map-with-state", 1_000_000, 170, 172, 1000)));
        JFreeChart chart = SweepReport.delayVersusKeys(sweep);
        save(chart, "delay-vs-keys-over-decades");

        ValueAxis ms = chart.getXYPlot().getRangeAxis();
        assertThat(ms).isInstanceOf(LogAxis.class);
        assertThat(ms.getLowerBound()).isLessThan(130);
        assertThat(ms.getUpperBound()).isGreaterThan(40_000);
        assertThat(Charts.logTicks(ms.getLowerBound(), ms.getUpperBound())).contains(200.0, 500.0, 1_000.0, 2_000.0,
                5_000.0, 10_000.0);
    }

    @Test
    void theBatchIntervalIsInRangeHoweverFarTheDataIs() {
        SweepSummary fast = new SweepSummary(SweepSummary.FORMAT, List.of("map-with-state"), List.of(1_000L),
                30_000, 2_000, 4_000, List.of(run("map-with-state", 1_000, 20, 22, 2_000)));
        ValueAxis ms = SweepReport.delayVersusKeys(fast).getXYPlot().getRangeAxis();
        assertThat(ms.getLowerBound()).isLessThan(20);
        assertThat(ms.getUpperBound()).isGreaterThan(2_000);

        SweepSummary slow = new SweepSummary(SweepSummary.FORMAT, List.of("update-state"), List.of(1_000_000L),
                30_000, 100, 4_000, List.of(run("update-state", 1_000_000, 5_000, 20_000, 100)));
        ms = SweepReport.delayVersusKeys(slow).getXYPlot().getRangeAxis();
        assertThat(ms.getLowerBound()).isLessThan(100);
        assertThat(ms.getUpperBound()).isGreaterThan(20_000);
    }

    @Test
    void logTicksAreOneTwoFiveOverAFewDecadesAndPowersOfTenBeyond() {
        assertThat(Charts.logTicks(90, 700)).containsExactly(100.0, 200.0, 500.0);
        assertThat(Charts.logTicks(1_000, 200_000)).containsExactly(1_000.0, 2_000.0, 5_000.0, 10_000.0, 20_000.0,
                50_000.0, 100_000.0, 200_000.0);
        assertThat(Charts.logTicks(1_000, 20_000_000)).containsExactly(1_000.0, 10_000.0, 100_000.0, 1_000_000.0,
                10_000_000.0);
    }

    @Test
    void theIntervalAndTheWindowAreNamedInTheLegendNotOverTheData() throws IOException {
        List<BatchesCsv.Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new BatchesCsv.Row(i * 500L, i < 10 ? "warmup" : "measure", 3000, 30_000, 2, 400, 402, 10, -1,
                    false));
        }
        JFreeChart chart = SweepReport.timeline(run("update-state", 200_000, 400, 402, 500), rows);
        XYPlot plot = chart.getXYPlot();

        assertThat(markers(plot)).isNotEmpty().allSatisfy(marker -> assertThat(marker.getLabel()).isNull());
        assertThat(legend(plot)).contains("batch interval 500 ms", "measured", "processing time");
        assertThat(SweepReport.delayVersusKeys(withinADecade()).getXYPlot().getRangeMarkers(Layer.FOREGROUND))
                .allSatisfy(marker -> assertThat(((Marker) marker).getLabel()).isNull());
        assertThat(legend(SweepReport.delayVersusKeys(withinADecade()).getXYPlot()))
                .contains("batch interval 500 ms");
    }

    @Test
    void aTimelineIsScaledToItsMeasuredWindowNotToTheFill() throws IOException {
        // Notebook 06's update-state at 200,000 keys: the fill's batches reach 1,469 ms, the window's 560 ms.
        List<BatchesCsv.Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new BatchesCsv.Row(i * 500L, "warmup", 3000, 30_000, 5, i == 3 ? 1_469 : 430, 440, 10, -1,
                    false));
        }
        for (int i = 10; i < 18; i++) {
            rows.add(new BatchesCsv.Row(i * 500L, "measure", 2500, 25_000, 3, i == 14 ? 560 : 400, 410, 10, -1,
                    false));
        }
        rows.add(new BatchesCsv.Row(9_000, "drain", 2500, 25_000, 3, 600, 610, 10, -1, false));
        JFreeChart chart = SweepReport.timeline(run("update-state", 200_000, 410, 420, 500), rows);
        save(chart, "timeline-scaled-to-the-window");

        double top = chart.getXYPlot().getRangeAxis().getUpperBound();
        assertThat(top).isGreaterThanOrEqualTo(610).isLessThan(900);
        assertThat(((TextTitle) chart.getSubtitle(1)).getText())
                .contains("cut at the top: the warm-up's batches (up to 1,469 ms)").doesNotContain("drain");
    }

    @Test
    void aWindowThatFallsBehindKeepsItsClimbOnTheChart() throws IOException {
        // Notebook 05's old table-reaggregation run: the scheduling delay climbs to 16.5 s inside the window.
        List<BatchesCsv.Row> rows = new ArrayList<>();
        for (int i = 0; i < 44; i++) {
            long delay = 5_000 + i * 260L;
            rows.add(new BatchesCsv.Row(i * 500L, i < 24 ? "warmup" : "measure", 4000, 40_000, delay, 780,
                    delay + 780, 100_000, -1, false));
        }
        rows.add(new BatchesCsv.Row(22_000, "drain", 4000, 40_000, 18_300, 1_800, 20_100, 100_000, -1, false));
        JFreeChart chart = SweepReport.timeline(run("table-reaggregation", 100_000, 780, 15_000, 500), rows);
        save(chart, "timeline-falling-behind");

        double top = chart.getXYPlot().getRangeAxis().getUpperBound();
        assertThat(top).isGreaterThanOrEqualTo(5_000 + 43 * 260 + 780);
        assertThat(top).as("the drain, a little higher, widens the axis instead of being cut")
                .isGreaterThanOrEqualTo(20_100);
    }

    @Test
    void aTimelineOfTinyBatchesStillShowsTheInterval() {
        List<BatchesCsv.Row> rows = List.of(new BatchesCsv.Row(0, "measure", 30, 300, 0, 10, 10, 10, -1, false),
                new BatchesCsv.Row(1000, "measure", 30, 300, 0, 12, 12, 10, -1, false));
        JFreeChart chart = SweepReport.timeline(run("map-with-state", 1_000, 10, 10, 1000), rows);
        assertThat(chart.getXYPlot().getRangeAxis().getUpperBound()).isGreaterThan(1_000);
    }

    @Test
    void aClimbChartsProcessingAndDelayOnScalesOfTheirOwnAndMarksTheCrossing() throws IOException {
        List<ClimbSummary.Batch> table = new ArrayList<>();
        List<ClimbSummary.Batch> map = new ArrayList<>();
        long delay = 0;
        for (int n = 1; n <= 80; n++) {
            long processing = 500 + 8L * n;
            delay = Math.max(0, delay + processing - 1000);
            table.add(new ClimbSummary.Batch(n, n * 1000L, 2000, processing, delay));
            map.add(new ClimbSummary.Batch(n, n * 1000L, 2000, 120, 1));
        }
        ClimbSummary climb = new ClimbSummary(ClimbSummary.FORMAT, 1_000, 20_000, 1000, 80, List.of(
                ClimbRule.of("table-reaggregation", table, 1, 1000), ClimbRule.of("map-with-state", map, 1, 1000)));
        JFreeChart chart = ClimbReport.chart(climb);
        Files.createDirectories(LOOK);
        Charts.save(chart, LOOK.resolve("climb.png"), ClimbReport.HEIGHT);

        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.getXYPlot();
        List<XYPlot> panels = plot.getSubplots();
        assertThat(panels).hasSize(2);
        XYPlot processing = panels.get(0);
        assertThat(processing.getRangeAxis().getUpperBound()).isGreaterThan(500 + 8 * 80);
        assertThat(markers(processing)).allSatisfy(marker -> assertThat(marker.getLabel()).isNull());
        int crossed = climb.climbs().get(0).crossedAtBatch();
        assertThat(crossed).isEqualTo(63);
        assertThat(labels(plot.getFixedLegendItems()))
                .contains("batch interval 1,000 ms", "table-reaggregation over the interval from batch 63",
                        "map-with-state processing", "table-reaggregation scheduling delay");
        assertThat(panels.get(1).getRangeAxis().getUpperBound()).as("the delay panel holds the whole climb")
                .isGreaterThanOrEqualTo(delay);
    }

    private static RunSummary run(long keys, long medianMs, long totalDelayMs) {
        return run("map-with-state", keys, medianMs, totalDelayMs, 1000).toBuilder().rateWordsPerS(30_000)
                .warmupMs(5000).measureMs(60_000).measuredBatches(60).checkpointEveryBatches(30).build();
    }

    @Test
    void aSweepOfOneKeyCountIsDrawnAroundIt() {
        // A sweep of one run at 10 M keys: a log axis over one value has an empty range unless widened.
        SweepSummary sweep = new SweepSummary(SweepSummary.FORMAT, List.of("map-with-state"), List.of(10_000_000L),
                30_000, 1000, 60_000, List.of(run(10_000_000, 154, 3_491)));

        JFreeChart chart = SweepReport.delayVersusKeys(sweep);

        XYPlot plot = chart.getXYPlot();
        assertThat(plot.getDomainAxis().getLowerBound()).isLessThan(10_000_000);
        assertThat(plot.getDomainAxis().getUpperBound()).isGreaterThan(10_000_000);
        assertThat(chart.createBufferedImage(Report.WIDTH, 500).getWidth()).isEqualTo(Report.WIDTH);
    }

    @Test
    void aSweepOfSeveralKeyCountsSpansThem() {
        SweepSummary sweep = new SweepSummary(SweepSummary.FORMAT, List.of("map-with-state"),
                List.of(10_000L, 1_000_000L), 30_000, 1000, 60_000, List.of(run(10_000, 130, 131),
                run(1_000_000, 170, 172)));

        XYPlot plot = SweepReport.delayVersusKeys(sweep).getXYPlot();

        assertThat(plot.getDomainAxis().getLowerBound()).isLessThanOrEqualTo(10_000);
        assertThat(plot.getDomainAxis().getUpperBound()).isGreaterThanOrEqualTo(1_000_000);
    }

    @Test
    void aTimelineIsScaledToTheBatchesBeforeTheDrain() {
        List<BatchesCsv.Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new BatchesCsv.Row(i * 1000L, i < 10 ? "warmup" : "measure", 3000, 30_000, 0, 150, 150, 10, -1,
                    i == 15));
        }
        rows.set(15, new BatchesCsv.Row(15_000, "measure", 3000, 30_000, 0, 2_500, 2_500, 10, -1, true));
        rows.add(new BatchesCsv.Row(20_000, "drain", 1_000_000, 10_000_000, 0, 120_000, 120_000, 10, -1, false));

        JFreeChart chart = SweepReport.timeline(run(10_000_000, 150, 150), rows);

        // The checkpoint batch (2.5 s) is on the chart, the drain's 120 s batch is cut at the top.
        double top = chart.getXYPlot().getRangeAxis().getUpperBound();
        assertThat(top).isGreaterThanOrEqualTo(2_500).isLessThan(120_000);
        assertThat(((TextTitle) chart.getSubtitle(1)).getText())
                .contains("cut at the top: the drain's batches (up to 120,000 ms)");
    }

    @Test
    void aTimelineWithoutALargeDrainIsNotCut() {
        List<BatchesCsv.Row> rows = List.of(new BatchesCsv.Row(0, "measure", 3000, 30_000, 0, 400, 400, 10, -1, false),
                new BatchesCsv.Row(1000, "drain", 3000, 30_000, 0, 500, 500, 10, -1, false));

        JFreeChart chart = SweepReport.timeline(run(10_000, 400, 400), rows);

        assertThat(chart.getXYPlot().getRangeAxis().getUpperBound()).isGreaterThanOrEqualTo(500);
        assertThat(((TextTitle) chart.getSubtitle(1)).getText()).doesNotContain("cut");
    }

    @Test
    void theBytesPerKeyChartShowsEveryVariantThatReportsStateMemory() throws IOException {
        List<RunSummary> runs = new ArrayList<>();
        long[][] bytesPerKey = {{10_000, 19}, {150_000, 19}};
        for (long[] point : bytesPerKey) {
            long keys = point[0];
            runs.add(run("update-state", keys, 300, 300, 500).toBuilder().stateBytesAtEnd(19 * keys).build());
            runs.add(run("map-with-state", keys, 100, 100, 500).toBuilder().stateBytesAtEnd(100 * keys).build());
            runs.add(run("structured", keys, 300, 300, 500).toBuilder().stateBytesAtEnd(250 * keys).build());
            runs.add(run("stateless", keys, 50, 50, 500)); // no state: -1
        }
        SweepSummary sweep = new SweepSummary(SweepSummary.FORMAT,
                List.of("update-state", "map-with-state", "structured", "stateless"), List.of(10_000L, 150_000L),
                10_000, 500, 7_500, runs);

        JFreeChart chart = SweepReport.stateBytesPerKey(sweep);
        save(chart, "state-bytes-per-key");

        assertThat(legend(chart.getXYPlot())).containsExactly(runs.get(0).label(), runs.get(1).label(),
                runs.get(2).label());
        assertThat(chart.getXYPlot().getDataset().getYValue(1, 0)).isEqualTo(100);
        assertThat(chart.getSubtitles()).map(t -> t instanceof TextTitle text ? text.getText() : "").anySatisfy(
                text -> assertThat(text).contains("JVM objects").contains("serialized bytes"));
        assertThat(SweepReport.stateBytesPerKey(new SweepSummary(SweepSummary.FORMAT, List.of("stateless"),
                List.of(10_000L), 10_000, 500, 7_500, List.of(run("stateless", 10_000, 50, 50, 500))))).isNull();
    }
}
