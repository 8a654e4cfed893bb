package statelab.harness.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A climb ({@code "format": "statelab-climb/1"}): variants run batch after batch at one load, each until its
 * scheduling delay has climbed past a limit or it has run its batches, to show whether a batch's cost grows with
 * the batches before it (the chapter's table re-aggregation) or stays flat (state kept by Spark). Times in ms.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClimbSummary(String format, long keys, long rateWordsPerS, long batchMs, int maxBatches,
                           List<Climb> climbs) {

    public static final String FORMAT = "statelab-climb/1";

    /** One batch of a climb: its number (1 = the first with input), processing time, scheduling delay. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Batch(int number, long batchTimeMs, long inputLines, long processingMs, long schedulingDelayMs) {
    }

    /**
     * One variant's climb.
     *
     * @param climbsFromBatch        the first batch after the job's start (one that waited at most half an
     *                               interval): the figures below are over the batches from it on
     * @param crossedAtBatch         the first of {@value ClimbRule#CROSSING_BATCHES} batches in a row that each took
     *                               longer than the interval, -1 if it never happened
     * @param firstProcessingMs      median processing of its first batches ({@value ClimbRule#EDGE_BATCHES})
     * @param lastProcessingMs       median processing of its last batches
     * @param processingSlopeMsPerBatch least-squares slope of processing time over the batches
     * @param schedulingDelayAtEndMs scheduling delay of its last batch
     * @param fellBehind             its scheduling delay climbed without end: it crossed the interval and the
     *                               scheduling delay grew after that
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Climb(String variant, List<Batch> batches, int climbsFromBatch, int crossedAtBatch,
            long firstProcessingMs,
                        long lastProcessingMs, double processingSlopeMsPerBatch, long schedulingDelayAtEndMs,
                        boolean fellBehind) {
    }

    public void write(Path dir) throws IOException {
        Json.write(dir.resolve(Json.SUMMARY_FILE), this);
    }

    public static ClimbSummary read(Path dir) {
        return Json.readSummary(dir, FORMAT, ClimbSummary.class);
    }

    public static boolean isClimb(Path dir) {
        return FORMAT.equals(Json.formatOf(dir.resolve(Json.SUMMARY_FILE)));
    }
}
