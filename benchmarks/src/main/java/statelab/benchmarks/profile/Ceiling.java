package statelab.benchmarks.profile;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import statelab.harness.measure.Runner;
import statelab.harness.measure.Sweep;
import statelab.harness.report.Report;
import statelab.harness.results.Json;
import statelab.harness.results.SearchSummary;

/**
 * How close the variants come to the machine's own limit: the profile's {@code ceiling} step walks the plain-Java
 * count ({@link PlainJavaWordCount}: the same replay stream, the same tokenizer and cores, a hash map, no Spark)
 * through the searches' key counts with a staircase at each, into {@code ceiling/}; {@link #fractions} then holds
 * each variant's highest sustained rate against the ceiling's at the same key count, both from the same profile
 * run.
 */
final class Ceiling {

    static final String DIR = "ceiling";

    /** A variant's highest sustained rate as a fraction of the ceiling's at the same keys. */
    record Fraction(String variant, long keys, long rateWordsPerS, long ceilingWordsPerS, double fraction) {
    }

    private Ceiling() {
    }

    static void run(Path out, Runner runner, PrintStream log) throws Exception {
        Sweep.run(out.resolve(DIR), ProfilePlan.ceiling(), runner, log);
    }

    /** Every variant's highest sustained rate against the ceiling's at the same key count (where both exist). */
    static List<Fraction> fractions(Path out) throws java.io.IOException {
        List<SearchSummary> ceiling = Report.searchesBelow(out.resolve(DIR));
        List<Fraction> fractions = new ArrayList<>();
        for (SearchSummary search : Report.searchesBelow(out)) {
            Optional<SearchSummary> limit = ceiling.stream().filter(c -> c.keys() == search.keys()).findFirst();
            if (limit.isEmpty() || limit.get().highestSustainedRateWordsPerS() <= 0
                    || search.highestSustainedRateWordsPerS() <= 0) {
                continue;
            }
            long top = limit.get().highestSustainedRateWordsPerS();
            fractions.add(new Fraction(search.variant(), search.keys(), search.highestSustainedRateWordsPerS(), top,
                    search.highestSustainedRateWordsPerS() / (double) top));
        }
        return fractions;
    }

    /** Whether the ceiling step left results. */
    static boolean measured(Path out) {
        return Files.isRegularFile(out.resolve(DIR).resolve(Json.SUMMARY_FILE));
    }
}
