package statelab.harness.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;
import java.util.List;

/**
 * A search's {@code summary.json} ({@code "format": "statelab-search/2"}). {@code highestSustainedRateWordsPerS}
 * is -1 when no probed rate was sustained, {@code lowestFailedRateWordsPerS} -1 when every probed rate was.
 * {@code method}: {@code probes} (a run per rate) or {@code staircase} (the steps of one run: each probe is a
 * step of the same run, whose counts were verified once at its end).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchSummary(String format, String variant, long keys, long batchMs, long warmupMs, long measureMs,
                            SearchBounds bounds, List<Probe> probes, long highestSustainedRateWordsPerS,
                            long lowestFailedRateWordsPerS, String conclusion, String method) {

    public static final String FORMAT = "statelab-search/2";
    public static final String PROBES = "probes";
    public static final String STAIRCASE = "staircase";

    /**
     * One probe: the rate it ran at, whether the rate was sustained, where its run lives (relative to the search's
     * directory), and its summary.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Probe(long rateWordsPerS, boolean sustained, String runDirectory, RunSummary run) {
    }

    public SearchSummary {
        method = method == null ? PROBES : method;
    }

    public static SearchSummary read(Path dir) {
        return Json.readSummary(dir, FORMAT, SearchSummary.class);
    }

    /** Whether {@code dir} holds a search's summary. */
    public static boolean isSearch(Path dir) {
        return FORMAT.equals(Json.formatOf(dir.resolve(Json.SUMMARY_FILE)));
    }
}
