package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.core.LabException;
import statelab.harness.report.Report;
import statelab.harness.results.BatchesCsv;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SweepSummary;

/** A tiny in-process sweep: its files, resuming it, refusing a different one in the same place, its report. */
class SweepAndReportIT {

    @TempDir
    Path dir;

    private static RunSettings settings(String variant, long rate) {
        return RunSettings.builder(variant).keys(1_000).rateWordsPerS(rate).batchMs(500).warmupMs(500)
                .measureMs(7_500).checkpointEveryBatches(5).build();
    }

    private static List<RunSettings> experiments(long rate) {
        return List.of(settings("update-state", rate), settings("map-with-state", rate));
    }

    @Test
    void writesResumesAndDraws() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SweepSummary summary = Sweep.run(dir, experiments(20_000), Runner.inProcess(), new PrintStream(out, true));

        assertThat(summary.runs()).extracting(RunSummary::variant).containsExactly("update-state", "map-with-state");
        assertThat(summary.runs()).allSatisfy(run -> assertThat(run.countsVerified()).isTrue());
        Path run = dir.resolve("runs/update-state-1000keys");
        assertThat(run.resolve("batches.csv")).exists();
        assertThat(BatchesCsv.read(run.resolve("batches.csv"))).extracting(BatchesCsv.Row::phase).contains("measure");
        // HdrHistogram's own reader reads the interval logs back.
        HistogramLogReader reader = new HistogramLogReader(run.resolve("processingMs.hlog").toFile());
        assertThat(reader.nextIntervalHistogram()).isNotNull();

        // Started again, the finished runs are kept.
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Sweep.run(dir, experiments(20_000), Runner.inProcess(), new PrintStream(again, true));
        assertThat(again.toString()).contains("kept from an earlier sweep");

        // A different load in the same directory is refused.
        assertThatThrownBy(() -> Sweep.run(dir, experiments(30_000), Runner.inProcess(), new PrintStream(out, true)))
                .isInstanceOf(LabException.class).hasMessageContaining("use another --out");

        Path html = Report.write(dir);
        assertThat(html).content().contains("update-state", "delay-vs-keys.png", "latency-vs-keys.png",
                "End-to-end latency of every word");
        assertThat(dir.resolve("report.md")).content().contains("| p50 latency ms |");
        for (String png : List.of("delay-vs-keys.png", "timeline-update-state-1000keys.png",
                "timeline-map-with-state-1000keys.png", "latency-vs-keys.png", "latency-update-state-1000keys.png",
                "latency-map-with-state-1000keys.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
            assertThat(image.getWidth()).as(png).isEqualTo(Report.WIDTH);
        }
        assertThat(Files.size(dir.resolve("delay-vs-keys.png"))).isGreaterThan(10_000);
    }
}
