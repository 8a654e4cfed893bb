package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import statelab.core.Source;
import statelab.harness.results.BatchesCsv;
import statelab.harness.results.RunFiles;
import statelab.harness.results.RunSummary;
import statelab.harness.results.WordLatency;

/**
 * Over real sockets: a seeded random workload of more than 200,000 words over 3,000 keys through every
 * variant that keeps running totals (Structured Streaming on the replay source, and once on Spark's socket
 * source); the final totals must equal the load generator's ledger word by word (the experiment compares them
 * and reports any difference).
 */
class EndToEndLedgerIT {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"update-state,", "map-with-state,", "structured,", "structured,socket", "structured-rocksdb,",
        "structured-arbitrary,", "table-reaggregation,"})
    void finalCountsEqualTheLedgerWordByWord(String variant, String source) throws Exception {
        RunSettings settings = RunSettings.builder(variant).source(source == null ? null : Source.parse(source))
                .keys(3_000).rateWordsPerS(50_000).batchMs(500).warmupMs(2_000).measureMs(7_500)
                .checkpointEveryBatches(5).verifyTimeoutMs(90_000).build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        RunSummary summary = Experiment.run(settings, tmp.resolve(settings.label()), new PrintStream(log, true));

        assertThat(summary.countsVerified()).as("counts verified; run log:%n%s", log).isTrue();
        assertThat(summary.countsNote()).isEmpty();
        assertThat(summary.wordsSent()).isGreaterThanOrEqualTo(200_000);
        assertThat(summary.distinctKeys()).isEqualTo(3_000);
        assertThat(summary.measuredBatches()).isPositive();
        assertWordLatencyFitsItsParts(summary, tmp.resolve(settings.label()));
        if (variant.startsWith("structured")) {
            // Structured reads the replay source unless told otherwise; results name the source they measured.
            assertThat(summary.source()).isEqualTo(source == null ? "replay" : source);
            assertThat(summary.label()).isEqualTo(source == null ? variant : variant + "-socket");
        }
    }

    /**
     * Every measured word's latency is in latencyMs.hlog (HdrHistogram's reader counts them all), and the figures fit
     * the decomposition: a word waits for its batch (on a DStream on replay about half an interval: its line was due
     * somewhere in the interval before the batch's time), then the batch's scheduling delay and processing.
     */
    private static void assertWordLatencyFitsItsParts(RunSummary summary, Path dir) throws Exception {
        long batchMs = summary.batchMs();
        long measuredWords = BatchesCsv.read(dir.resolve("batches.csv")).stream()
                .filter(row -> row.phase().equals("measure")).mapToLong(BatchesCsv.Row::inputWords).sum();
        long loggedWords = 0;
        try (HistogramLogReader reader = new HistogramLogReader(dir.resolve(RunFiles.LATENCY_LOG).toFile())) {
            for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
                loggedWords += ((Histogram) h).getTotalCount();
            }
        }
        assertThat(loggedWords).isEqualTo(measuredWords).isPositive();
        assertThat(summary.latencyNote()).isEmpty();
        assertThat(summary.latencyP50Ms()).isGreaterThanOrEqualTo(batchMs / 2);
        assertThat(summary.latencyP99Ms()).isBetween(summary.latencyP50Ms(), summary.latencyMaxMs());
        WordLatency.Parts parts = summary.latencyParts();
        assertThat(parts.meanMs()).isCloseTo(parts.waitForBatchMs() + parts.schedulingDelayMs() + parts.processingMs(),
                within(1e-6));
        assertThat(parts.processingMs()).isPositive();
        if (!summary.variant().startsWith("structured") && summary.source().equals("replay")) {
            // A DStream on replay: the batch of time T holds exactly the lines due in the interval before T.
            assertThat(parts.waitForBatchMs()).isBetween(0.4 * batchMs, 0.6 * batchMs);
        }
    }
}
