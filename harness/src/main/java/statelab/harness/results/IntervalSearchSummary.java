package statelab.harness.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code summary.json} of a search for the shortest batch interval a variant sustains at one state size and rate
 * ({@code "format": "statelab-interval-search/1"}), with each probe's word latency. {@code shortestSustainedBatchMs}
 * is -1 when no interval tried was sustained.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IntervalSearchSummary(String format, String variant, String source, long keys, long rateWordsPerS,
                                    List<Long> batchMsTried, List<Probe> probes, long shortestSustainedBatchMs,
                                    String conclusion) {

    public static final String FORMAT = "statelab-interval-search/1";

    /** One interval tried: whether it was sustained, where its run lives (relative to the search), its summary. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Probe(long batchMs, boolean sustained, String runDirectory, RunSummary run) {
    }

    public IntervalSearchSummary {
        batchMsTried = batchMsTried == null ? List.of() : List.copyOf(batchMsTried);
        probes = probes == null ? List.of() : List.copyOf(probes);
    }

    /** The probe of the shortest sustained interval, or null. */
    public Probe shortestSustained() {
        return probes.stream().filter(p -> p.batchMs() == shortestSustainedBatchMs && p.sustained()).findFirst()
                .orElse(null);
    }

    /** The run's label as other results name it (the variant, {@code -socket} on a socket where it reads replay). */
    public String label() {
        return RunSummary.label(variant, source);
    }

    public static IntervalSearchSummary read(Path dir) {
        return Json.readSummary(dir, FORMAT, IntervalSearchSummary.class);
    }

    public static boolean isIntervalSearch(Path dir) {
        return FORMAT.equals(Json.formatOf(dir.resolve(Json.SUMMARY_FILE)));
    }
}
