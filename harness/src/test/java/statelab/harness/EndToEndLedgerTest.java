package statelab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Over real sockets: a seeded random workload of more than 200,000 words over 3,000 keys through every
 * variant that keeps running totals (Structured Streaming on the replay source, and once on Spark's socket
 * source); the final totals must equal the load generator's ledger word by word (the experiment compares them
 * and reports any difference).
 */
class EndToEndLedgerTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"update-state,", "map-with-state,", "structured,", "structured,socket", "structured-rocksdb,",
        "table-reaggregation,"})
    void finalCountsEqualTheLedgerWordByWord(String variant, String source) throws Exception {
        Experiment.Settings settings = Experiment.Settings.of(variant, 3_000, 50_000, 500, 2_000, 2_500)
                .withOptions(source == null ? Map.of() : Map.of("source", source))
                .withVerifyTimeoutMs(90_000);
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        RunSummary summary = Experiment.run(settings, tmp.resolve(settings.label()), new PrintStream(log, true));

        assertThat(summary.countsVerified()).as("counts verified; run log:%n%s", log).isTrue();
        assertThat(summary.countsNote()).isEmpty();
        assertThat(summary.wordsSent()).isGreaterThanOrEqualTo(200_000);
        assertThat(summary.distinctKeys()).isEqualTo(3_000);
        assertThat(summary.measuredBatches()).isPositive();
        if (variant.startsWith("structured")) {
            // Structured reads the replay source unless told otherwise; results name the source they measured.
            assertThat(summary.options()).containsEntry("source", source == null ? "replay" : source);
            assertThat(summary.label()).isEqualTo(source == null ? variant : variant + "-socket");
        }
    }
}
