package statelab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.harness.results.SearchSummary;

/** {@code lab search} with one real probe, in this JVM. */
class SearchCommandIT {

    @TempDir
    Path dir;

    @Test
    void oneRealProbe() throws Exception {
        StringWriter err = new StringWriter();
        String out = dir.resolve("real").toString();
        int code = SearchCommandTest.lab(err, "search", "update-state", "--keys", "1000", "--from", "20k", "--max",
                "20k", "--batch", "500ms", "--warmup", "500ms", "--measure", "2500ms", "--in-process", "--out", out);
        assertThat(code).as(err.toString()).isZero();
        SearchSummary summary = SearchSummary.read(dir.resolve("real"));
        assertThat(summary.probes()).hasSize(1);
        assertThat(summary.probes().get(0).run().countsVerified()).isTrue();
        assertThat(summary.highestSustainedRateWordsPerS()).isEqualTo(20_000);
        assertThat(summary.conclusion()).contains("highest rate searched");
    }
}
