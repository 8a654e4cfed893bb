package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import statelab.core.Source;
import statelab.harness.results.RunSummary;

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
        "table-reaggregation,"})
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
        if (variant.startsWith("structured")) {
            // Structured reads the replay source unless told otherwise; results name the source they measured.
            assertThat(summary.source()).isEqualTo(source == null ? "replay" : source);
            assertThat(summary.label()).isEqualTo(source == null ? variant : variant + "-socket");
        }
    }
}
