package statelab.loadgen;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the human-friendly quantities of the command lines: counts such as {@code 10k} and {@code 1M}, and
 * durations such as {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. Bad text gives an
 * {@link IllegalArgumentException} whose message can be shown to the user as it is.
 */
public final class Quantities {

    private static final Pattern COUNT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([kKMG]?)");
    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

    private Quantities() {
    }

    /**
     * A count: plain digits, or a number with a suffix k/K (thousand), M (million), G (billion), for example
     * {@code 10k} = 10000, {@code 1.5M} = 1500000. The result must be a whole number.
     */
    public static long parseCount(String text) {
        String trimmed = text == null ? "" : text.trim().replace("_", "");
        Matcher m = COUNT.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a count (examples: 1000, 10k, 1M)");
        }
        BigDecimal value = new BigDecimal(m.group(1));
        int powerOfTen = switch (m.group(2)) {
            case "k", "K" -> 3;
            case "M" -> 6;
            case "G" -> 9;
            default -> 0;
        };
        value = value.movePointRight(powerOfTen);
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole count that fits in a long");
        }
    }

    /**
     * A duration: a number with a unit ms, s, m or h ({@code 500ms}, {@code 30s}, {@code 1.5s}, {@code 2m},
     * {@code 1h}); a bare {@code 0}; or ISO-8601 such as {@code PT30S}.
     */
    public static Duration parseDuration(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        if (trimmed.startsWith("pt")) {
            try {
                Duration parsed = Duration.parse(trimmed);
                if (parsed.isNegative()) {
                    throw new IllegalArgumentException("duration '" + text + "' must not be negative");
                }
                return parsed;
            } catch (DateTimeParseException e) {
                throw badDuration(text);
            }
        }
        Matcher m = DURATION.matcher(trimmed);
        if (!m.matches()) {
            throw badDuration(text);
        }
        long nanosPerUnit = switch (m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit));
        try {
            return Duration.ofNanos(nanos.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration '" + text + "' is too long");
        }
    }

    /** Short human form of a duration, the inverse of {@link #parseDuration} for whole units: 30s, 2m, 500ms. */
    public static String formatDuration(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static IllegalArgumentException badDuration(String text) {
        return new IllegalArgumentException(
                "'" + text + "' is not a duration (examples: 500ms, 30s, 2m, 1h)");
    }
}
