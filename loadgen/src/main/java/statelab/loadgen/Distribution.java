package statelab.loadgen;

/**
 * How generated words are drawn from the active key space: {@code uniform} (every key equally likely) or
 * {@code zipf:S} (key 0 most likely, key r with weight 1/(r+1)^S), the usual model of a few hot keys.
 */
public sealed interface Distribution permits Distribution.Uniform, Distribution.Zipf {

    /** Every active key equally likely. */
    record Uniform() implements Distribution {
        @Override
        public String toString() {
            return "uniform";
        }
    }

    /** Zipf with the given exponent (> 0): rank 1 is key 0. */
    record Zipf(double exponent) implements Distribution {
        public Zipf {
            if (!(exponent > 0) || Double.isInfinite(exponent)) {
                throw new IllegalArgumentException("zipf exponent must be a positive number, got " + exponent);
            }
        }

        @Override
        public String toString() {
            return "zipf:" + exponent;
        }
    }

    static Distribution uniform() {
        return new Uniform();
    }

    static Distribution zipf(double exponent) {
        return new Zipf(exponent);
    }

    /** {@code uniform} or {@code zipf:S} with S a positive number, e.g. {@code zipf:1.1}. */
    static Distribution parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.equals("uniform")) {
            return uniform();
        }
        if (trimmed.startsWith("zipf:")) {
            String exponent = trimmed.substring("zipf:".length());
            try {
                return zipf(Double.parseDouble(exponent));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "distribution '" + text + "': zipf exponent '" + exponent + "' is not a number");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("distribution '" + text + "': " + e.getMessage());
            }
        }
        throw new IllegalArgumentException(
                "distribution '" + text + "' is not uniform or zipf:S (for example zipf:1.1)");
    }
}
