package statelab.harness.results;

import static statelab.core.LabException.require;

/**
 * How a search for the highest sustained rate is bounded (rates in words per second): it starts at
 * {@code fromRate}, stays within {@code minRate}..{@code maxRate}, steps by {@code factor}, stops once the
 * highest sustained and lowest failed rates are within {@code precision} of each other, and runs at most
 * {@code maxProbes} probes.
 */
public record SearchBounds(long fromRate, long minRate, long maxRate, double factor, double precision,
                           int maxProbes) {

    public void validate() {
        require(minRate > 0, "--min must be positive, got " + minRate);
        require(maxRate >= minRate, "--max (" + maxRate + ") is below --min (" + minRate + ")");
        require(fromRate >= minRate && fromRate <= maxRate,
                "--from (" + fromRate + ") must lie between --min (" + minRate + ") and --max (" + maxRate + ")");
        require(factor > 1, "--factor must be greater than 1, got " + factor);
        require(precision > 1, "--precision must be greater than 1, got " + precision);
        require(maxProbes >= 1, "--probes must be at least 1, got " + maxProbes);
    }
}
