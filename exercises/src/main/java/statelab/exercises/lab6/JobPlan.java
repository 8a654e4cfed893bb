package statelab.exercises.lab6;

import java.util.function.Consumer;
import statelab.core.RunSpec;
import statelab.core.Variant;

/**
 * How the lab 6 job runs: which word-count variant, and its settings (batch interval, partitions, Spark
 * settings, variant options: anything {@link RunSpec.Builder} offers). The grading then adds its own: the load
 * generator's address, the master {@code local[2]} and a listener that records every batch.
 *
 * @param variant  the job, for example {@code new MapWithStateWordCount()}
 * @param settings applied to the job's {@link RunSpec.Builder}
 */
public record JobPlan(Variant variant, Consumer<RunSpec.Builder> settings) {
}
