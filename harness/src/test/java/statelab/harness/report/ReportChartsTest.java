package statelab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;
import statelab.harness.results.BatchesCsv;
import statelab.harness.results.Outcome;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SweepSummary;

/** The report's charts from summaries alone (no Spark run): the shapes a sweep can have. */
class ReportChartsTest {

    private static RunSummary run(long keys, long medianMs, long totalDelayMs) {
        return RunSummary.builder().variant("map-with-state").source("socket").keys(keys).rateWordsPerS(30_000)
                .wordsPerLine(10).batchMs(1000).warmupMs(5000).measureMs(60_000).master("local[3]").cores(2)
                .partitions(2).seed(1).startedAt("2025-01-01T00:00:00Z").measuredBatches(60)
                .medianProcessingMs(medianMs).p99ProcessingMs(medianMs).maxProcessingMs(medianMs)
                .medianNormalProcessingMs(medianMs).medianTotalDelayMs(totalDelayMs).p99TotalDelayMs(totalDelayMs)
                .maxSchedulingDelayMs(0).keepingUp(true).outcome(Outcome.VERIFIED, "").wordsSent(1000)
                .distinctKeys(keys).loadgenLagP99Ms(0.1).checkpointEveryBatches(30).build();
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
                .contains("the drain's batches (up to 120,000 ms) are cut");
    }

    @Test
    void aTimelineWithoutALargeDrainIsNotCut() {
        List<BatchesCsv.Row> rows = List.of(new BatchesCsv.Row(0, "measure", 3000, 30_000, 0, 400, 400, 10, -1, false),
                new BatchesCsv.Row(1000, "drain", 3000, 30_000, 0, 500, 500, 10, -1, false));

        JFreeChart chart = SweepReport.timeline(run(10_000, 400, 400), rows);

        assertThat(chart.getXYPlot().getRangeAxis().getUpperBound()).isGreaterThanOrEqualTo(500);
        assertThat(((TextTitle) chart.getSubtitle(1)).getText()).doesNotContain("cut");
    }
}
