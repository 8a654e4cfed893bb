package statelab.loadgen;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The command-line converters the load generator and the lab's other commands share: counts ({@code 10k}),
 * durations ({@code 500ms}, {@code 2m}), plain numbers and key distributions, each with a plainer message than
 * picocli's own.
 */
public final class Converters {

    private Converters() {
    }

    /** A decimal number. */
    public static final class NumberConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                return Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number");
            }
        }
    }

    /** {@code 10000}, {@code 10k}, {@code 1M}. */
    public static final class CountConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Quantities.parseCount(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Quantities.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A duration ({@code 500ms}, {@code 30s}) in milliseconds. */
    public static final class DurationMsConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return new DurationConverter().convert(value).toMillis();
        }
    }

    /** {@code uniform} or {@code zipf:S}. */
    public static final class DistributionConverter implements ITypeConverter<Distribution> {
        @Override
        public Distribution convert(String value) {
            try {
                return Distribution.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
