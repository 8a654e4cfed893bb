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
        // One probe whatever this machine's speed: sustained (the highest rate searched) or not (no more probes).
        int code = SearchCommandTest.lab(err, "search", "update-state", "--keys", "1000", "--from", "20k", "--max",
                "20k", "--probes", "1", "--batch", "500ms", "--warmup", "500ms", "--measure", "7500ms",
                "--checkpoint-every", "5", "--in-process", "--out", out);
        assertThat(code).as(err.toString()).isZero();
        SearchSummary summary = SearchSummary.read(dir.resolve("real"));
        assertThat(summary.probes()).singleElement().satisfies(probe -> {
            assertThat(probe.rateWordsPerS()).isEqualTo(20_000);
            assertThat(probe.run().countsVerified()).isTrue();
            assertThat(probe.run().measuredBatches()).isPositive();
        });
        boolean sustained = summary.probes().get(0).sustained();
        assertThat(summary.highestSustainedRateWordsPerS()).isEqualTo(sustained ? 20_000 : -1);
        assertThat(summary.conclusion()).isEqualTo(sustained ? "sustained the highest rate searched (--max)"
                : "stopped after 1 probes");
    }
}
