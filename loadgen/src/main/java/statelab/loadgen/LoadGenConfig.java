package statelab.loadgen;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything that defines a load generator: where it listens and which stream each client gets. Built with
 * {@link #builder()}; the constructor validates and throws {@link IllegalArgumentException} with a message
 * that names the bad setting.
 *
 * <p>The stream is either a random workload (rate, words per line, key space, growth, distribution, seed,
 * optional fill) or a {@link Script} (then the random settings are unused). {@code duration} (null = endless)
 * ends the stream after that much schedule time; {@code fillRateLinesPerSec} (null = same as the rate) lets
 * the fill lines go at their own pace. {@code finalSweep} ends a random stream that has a duration by sending
 * every key it could have drawn once more, right after the duration: after it a correct running count holds
 * every key, so even a variant that outputs only changed totals shows every final total.
 * {@code alignScriptTo} (null = off) starts a script's clock in the middle of the next wall-clock interval of
 * that length instead of at the connection, so with Spark batches of that length each script second lands in
 * the middle of a batch, never on a boundary where it could slip into the next batch.
 */
public record LoadGenConfig(
        String host,
        int port,
        int controlPort,
        double rateLinesPerSec,
        int wordsPerLine,
        long keys,
        double keyGrowthPerSec,
        Distribution distribution,
        long seed,
        Duration duration,
        boolean fill,
        Double fillRateLinesPerSec,
        boolean finalSweep,
        Script script,
        Duration alignScriptTo) {

    /** Largest key space: keys index Java arrays (the ledger) and the Zipf sampler takes an int. */
    public static final long MAX_KEYS = Integer.MAX_VALUE - 8;
    /** Most words in one generated line. */
    public static final int MAX_WORDS_PER_LINE = 100_000;

    public LoadGenConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        checkPort("port", port);
        checkPort("control port", controlPort);
        checkRate("rate", rateLinesPerSec);
        if (wordsPerLine < 1 || wordsPerLine > MAX_WORDS_PER_LINE) {
            throw new IllegalArgumentException(
                    "words per line must be between 1 and " + MAX_WORDS_PER_LINE + ", got " + wordsPerLine);
        }
        if (keys < 1 || keys > MAX_KEYS) {
            throw new IllegalArgumentException("keys must be between 1 and " + MAX_KEYS + ", got " + keys);
        }
        if (!(keyGrowthPerSec >= 0) || Double.isInfinite(keyGrowthPerSec)) {
            throw new IllegalArgumentException(
                    "key growth must be zero or a positive number of new keys per second, got " + keyGrowthPerSec);
        }
        Objects.requireNonNull(distribution, "distribution");
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException(
                    "duration must be positive (leave it out for an endless stream), got " + duration);
        }
        if (fillRateLinesPerSec != null) {
            checkRate("fill rate", fillRateLinesPerSec);
        }
        if (fill && script != null) {
            throw new IllegalArgumentException("fill applies to the random workload, not to a script");
        }
        if (alignScriptTo != null && (script == null || alignScriptTo.isNegative() || alignScriptTo.isZero())) {
            throw new IllegalArgumentException("script alignment needs a script and a positive interval");
        }
        if (finalSweep && (script != null || duration == null)) {
            throw new IllegalArgumentException("a final sweep needs a random workload with a duration");
        }
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be between 0 and 65535, got " + port);
        }
    }

    private static void checkRate(String what, double linesPerSec) {
        if (!(linesPerSec > 0) || Double.isInfinite(linesPerSec)) {
            throw new IllegalArgumentException(
                    what + " must be a positive number of lines per second, got " + linesPerSec);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().host(host).port(port).controlPort(controlPort).rateLinesPerSec(rateLinesPerSec)
                .wordsPerLine(wordsPerLine).keys(keys).keyGrowthPerSec(keyGrowthPerSec).distribution(distribution)
                .seed(seed).duration(duration).fill(fill).fillRateLinesPerSec(fillRateLinesPerSec)
                .finalSweep(finalSweep).script(script).alignScriptTo(alignScriptTo);
    }

    /**
     * How long after a connection at {@code epochMs} the schedule starts: 0, or with script alignment the
     * time to the middle of the next interval.
     */
    long scheduleDelayMs(long epochMs) {
        if (alignScriptTo == null) {
            return 0;
        }
        long intervalMs = alignScriptTo.toMillis();
        long half = intervalMs / 2;
        long sinceBoundary = epochMs % intervalMs;
        return sinceBoundary <= half ? half - sinceBoundary : intervalMs - sinceBoundary + half;
    }

    /** True when the stream is a script, false for the random workload. */
    public boolean scripted() {
        return script != null;
    }

    /** One line describing the stream, for the start message. */
    public String summary() {
        String length = duration == null ? "endless" : "for " + Quantities.formatDuration(duration);
        if (script != null) {
            return script + ", " + length;
        }
        StringBuilder text = new StringBuilder()
                .append("random: ").append(formatNumber(rateLinesPerSec)).append(" lines/s x ")
                .append(wordsPerLine).append(" words, ").append(keys).append(" keys");
        if (keyGrowthPerSec > 0) {
            text.append(" (+").append(formatNumber(keyGrowthPerSec)).append("/s)");
        }
        text.append(' ').append(distribution).append(", seed ").append(seed);
        if (finalSweep) {
            text.append(", final sweep");
        }
        if (fill) {
            text.append(", fill first");
            if (fillRateLinesPerSec != null) {
                text.append(" at ").append(formatNumber(fillRateLinesPerSec)).append(" lines/s");
            }
        }
        return text.append(", ").append(length).toString();
    }

    static String formatNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    /** Builds a {@link LoadGenConfig}; unset settings take the command line's defaults. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private int controlPort = 0;
        private double rateLinesPerSec = 10;
        private int wordsPerLine = 10;
        private long keys = 1000;
        private double keyGrowthPerSec = 0;
        private Distribution distribution = Distribution.uniform();
        private long seed = 1;
        private Duration duration;
        private boolean fill;
        private Double fillRateLinesPerSec;
        private boolean finalSweep;
        private Script script;
        private Duration alignScriptTo;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** TCP port for the stream; 0 picks a free one ({@link LoadGenerator#port()}). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** HTTP port for the control endpoint; 0 picks a free one. */
        public Builder controlPort(int controlPort) {
            this.controlPort = controlPort;
            return this;
        }

        public Builder rateLinesPerSec(double rateLinesPerSec) {
            this.rateLinesPerSec = rateLinesPerSec;
            return this;
        }

        public Builder wordsPerLine(int wordsPerLine) {
            this.wordsPerLine = wordsPerLine;
            return this;
        }

        /** Key space size K at the start (keys 0..K-1, words w0, w1, ..., wa, ...: base 36). */
        public Builder keys(long keys) {
            this.keys = keys;
            return this;
        }

        /** New keys per second of schedule time at the starting rate. */
        public Builder keyGrowthPerSec(double keyGrowthPerSec) {
            this.keyGrowthPerSec = keyGrowthPerSec;
            return this;
        }

        public Builder distribution(Distribution distribution) {
            this.distribution = distribution;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Schedule time after which each client's stream ends (the connection stays open); null = endless. */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        /** First emit every key 0..K-1 exactly once, in order, then the random lines. */
        public Builder fill(boolean fill) {
            this.fill = fill;
            return this;
        }

        /** Start a script's clock mid-way through the next wall-clock interval of this length (see class comment). */
        public Builder alignScriptTo(Duration interval) {
            this.alignScriptTo = interval;
            return this;
        }

        /** After the duration, send every key once more (see the class comment). */
        public Builder finalSweep(boolean finalSweep) {
            this.finalSweep = finalSweep;
            return this;
        }

        /** Rate of the fill lines; null = the same schedule as the others. */
        public Builder fillRateLinesPerSec(Double fillRateLinesPerSec) {
            this.fillRateLinesPerSec = fillRateLinesPerSec;
            return this;
        }

        /** A scripted timeline instead of the random workload; null = random. */
        public Builder script(Script script) {
            this.script = script;
            return this;
        }

        public LoadGenConfig build() {
            return new LoadGenConfig(host, port, controlPort, rateLinesPerSec, wordsPerLine, keys, keyGrowthPerSec,
                    distribution, seed, duration, fill, fillRateLinesPerSec, finalSweep, script,
                    alignScriptTo);
        }
    }
}
