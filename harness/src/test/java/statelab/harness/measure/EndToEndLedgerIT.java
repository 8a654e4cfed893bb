package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            assertProgressMatchesTheBatches(summary, tmp.resolve(settings.label()));
        } else {
            assertThat(summary.progress()).as("a DStream reports no progress figures").isEmpty();
            assertThat(tmp.resolve(settings.label()).resolve(RunFiles.PROGRESS_CSV)).doesNotExist();
        }
    }

    /**
     * Structured Streaming's own figures are each batch's: progress.csv has a row per batches.csv row, its trigger
     * time is the batch's processing time, and the state store's figures are there: rows updated, the store's size
     * on disk (RocksDB's SST files) or in memory (the HDFS-backed store's current version), never zero once the state
     * holds the keys.
     */
    private static void assertProgressMatchesTheBatches(RunSummary summary, Path dir) throws Exception {
        List<String[]> batches = rows(dir.resolve("batches.csv"));
        List<String[]> progress = rows(dir.resolve(RunFiles.PROGRESS_CSV));
        List<String> header = List.of(progress.get(0));
        assertThat(progress).hasSameSizeAs(batches);
        int trigger = header.indexOf("durationMs.triggerExecution");
        int updated = header.indexOf("state.numRowsUpdated");
        String sizeName = summary.variant().endsWith("rocksdb") || "rocksdb".equals(summary.options().get(
                "state-store")) ? "state.rocksdbSstFileSize" : "state.stateOnCurrentVersionSizeBytes";
        int size = header.indexOf(sizeName);
        assertThat(trigger).as("progress.csv header %s", header).isPositive();
        assertThat(updated).as("progress.csv header %s", header).isPositive();
        assertThat(size).as("%s in progress.csv header %s", sizeName, header).isPositive();
        for (int i = 1; i < batches.size(); i++) {
            assertThat(progress.get(i)[0]).as("batch time, row %d", i).isEqualTo(batches.get(i)[0]);
            assertThat(progress.get(i)[trigger]).as("trigger time = processing time, row %d", i)
                    .isEqualTo(batches.get(i)[5]);
        }
        String[] last = progress.get(progress.size() - 1);
        assertThat(Long.parseLong(last[size])).as("%s of the last batch", sizeName).isPositive();
        assertThat(summary.progress()).containsKeys("durationMs.addBatch", "durationMs.triggerExecution",
                "state.numRowsUpdated", sizeName);
        assertThat(summary.progress().get("durationMs.addBatch").median())
                .isBetween(0L, summary.progress().get("durationMs.triggerExecution").median());
    }

    private static List<String[]> rows(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().map(line -> line.split(",", -1)).toList();
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
