package statelab.loadgen;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A scripted timeline: which text lines to send, and when, instead of a random workload. Parsed from a small
 * text format (UTF-8):
 *
 * <pre>
 * # the chapter's timeline (Learning PySpark, 10.5)
 * 1 blue*5 green*3
 * 2 gohawks
 * 4 green*2
 * </pre>
 *
 * <ul>
 *   <li>Blank lines and lines whose first non-blank character is {@code #} are ignored.</li>
 *   <li>Every other line is {@code SECONDS WORD[*N] ...}: at SECONDS after the client connects, send ONE text
 *       line holding the words separated by single spaces. SECONDS is a non-negative decimal ({@code 2},
 *       {@code 1.5}) and may not go back in time down the file. {@code blue*5} is the word five times; N is a
 *       positive integer.</li>
 *   <li>Words are maximal runs of characters that are not white space, where white space is
 *       {@code Character.isWhitespace(c) || Character.isSpaceChar(c)}: so U+3000 (ideographic space) and
 *       U+00A0 (no-break space) separate words and {@code 你好} is a word. A word may not contain {@code *}
 *       except as the repeat suffix.</li>
 * </ul>
 *
 * <p>Malformed input gives a {@link ScriptException} with the message {@code FILE:LINE: what is wrong}.
 * {@link #chapter()} is the built-in timeline above.
 */
public final class Script {

    /** Most words one script line may expand to ({@code x*N}), so a typo cannot exhaust memory. */
    public static final int MAX_WORDS_PER_LINE = 1_000_000;
    /** Latest time a script line may have, in seconds (about three years). */
    public static final long MAX_SECONDS = 100_000_000L;

    /** The name that selects {@link #chapter()} on the command line. */
    public static final String CHAPTER_NAME = "chapter";

    static final String CHAPTER_TEXT = """
            # the chapter's timeline (Learning PySpark, 10.5)
            1 blue*5 green*3
            2 gohawks
            4 green*2
            """;

    private static final Pattern SECONDS = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+");
    private static final Pattern POSITIVE_INTEGER = Pattern.compile("[0-9]+");

    /** One line of the timeline: sent {@code atNanos} after the client connected. */
    public record Line(long atNanos, List<String> words) {
        public Line {
            if (atNanos < 0) {
                throw new IllegalArgumentException("a script line's time must not be negative, got " + atNanos);
            }
            words = List.copyOf(words);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("a script line needs at least one word");
            }
        }

        /** The line as sent, without the newline: the words separated by single spaces. */
        public String text() {
            return String.join(" ", words);
        }
    }

    private final String name;
    private final List<Line> lines;

    private Script(String name, List<Line> lines) {
        this.name = name;
        this.lines = Collections.unmodifiableList(new ArrayList<>(lines));
    }

    /** The chapter's timeline: second 1 blue x5 and green x3 in one line, second 2 gohawks, second 4 green x2. */
    public static Script chapter() {
        return parse(CHAPTER_NAME, CHAPTER_TEXT);
    }

    /** A script built in code; the lines must not go back in time. */
    public static Script of(String name, List<Line> lines) {
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).atNanos() < lines.get(i - 1).atNanos()) {
                throw new IllegalArgumentException("script " + name + ": line " + (i + 1) + " goes back in time");
            }
        }
        return new Script(name, lines);
    }

    /** {@code chapter} for the built-in timeline, anything else is a file path. */
    public static Script load(String fileOrChapter) throws IOException {
        return CHAPTER_NAME.equals(fileOrChapter) ? chapter() : parse(Path.of(fileOrChapter));
    }

    /**
     * Reads and parses a script file. Messages name the file by its file name ({@code bad.txt:3: ...}).
     *
     * @throws ScriptException if the file is malformed (also if it is not valid UTF-8)
     * @throws IOException if it cannot be read (for example {@link java.nio.file.NoSuchFileException})
     */
    public static Script parse(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Path fileName = file.getFileName();
        String source = fileName == null ? file.toString() : fileName.toString();
        return parseLines(source, decodeLines(source, bytes));
    }

    /** Parses script text; {@code sourceName} is used in error messages. */
    public static Script parse(String sourceName, String text) {
        List<String> rawLines = new ArrayList<>(List.of(text.split("\n", -1)));
        rawLines.replaceAll(Script::stripCarriageReturn);
        return parseLines(sourceName, rawLines);
    }

    public String name() {
        return name;
    }

    public List<Line> lines() {
        return lines;
    }

    public int size() {
        return lines.size();
    }

    /** Time of the last line after the client connects (zero for an empty script). */
    public Duration length() {
        return lines.isEmpty() ? Duration.ZERO : Duration.ofNanos(lines.get(lines.size() - 1).atNanos());
    }

    @Override
    public String toString() {
        return "script " + name + " (" + size() + " lines over " + Quantities.formatDuration(length()) + ")";
    }

    // ---- parsing ----

    /** Splits into lines and decodes each strictly, so invalid UTF-8 is reported with its line number. */
    private static List<String> decodeLines(String source, byte[] bytes) {
        List<String> result = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    String line = StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, start, i - start)).toString();
                    result.add(stripCarriageReturn(line));
                } catch (CharacterCodingException e) {
                    throw new ScriptException(source, result.size() + 1, "not valid UTF-8 text");
                }
                start = i + 1;
            }
        }
        return result;
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static Script parseLines(String source, List<String> rawLines) {
        List<Line> lines = new ArrayList<>();
        String previousTimeText = null;
        long previousNanos = 0;
        for (int index = 0; index < rawLines.size(); index++) {
            int lineNumber = index + 1;
            String raw = rawLines.get(index);
            if (index == 0 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1); // a byte-order mark some editors write
            }
            List<String> tokens = splitWords(raw);
            if (tokens.isEmpty() || tokens.get(0).startsWith("#")) {
                continue;
            }
            String timeText = tokens.get(0);
            long atNanos = parseSeconds(source, lineNumber, timeText);
            if (previousTimeText != null && atNanos < previousNanos) {
                throw new ScriptException(source, lineNumber,
                        "time " + timeText + " goes back before " + previousTimeText);
            }
            if (tokens.size() == 1) {
                throw new ScriptException(source, lineNumber, "no words after the time");
            }
            List<String> words = new ArrayList<>();
            for (String token : tokens.subList(1, tokens.size())) {
                expandWord(source, lineNumber, token, words);
            }
            lines.add(new Line(atNanos, words));
            previousTimeText = timeText;
            previousNanos = atNanos;
        }
        return new Script(source, lines);
    }

    /** Maximal runs of non-white-space code points (white space includes U+3000 and U+00A0). */
    static List<String> splitWords(String line) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            boolean space = Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
            if (space && start >= 0) {
                words.add(line.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            words.add(line.substring(start));
        }
        return words;
    }

    private static long parseSeconds(String source, int lineNumber, String text) {
        if (!SECONDS.matcher(text).matches()) {
            throw new ScriptException(source, lineNumber,
                    "time '" + text + "' must be a non-negative number of seconds");
        }
        BigDecimal seconds = new BigDecimal(text);
        if (seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
            throw new ScriptException(source, lineNumber,
                    "time '" + text + "' is too large (at most " + MAX_SECONDS + " seconds)");
        }
        return seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Adds {@code word} or, for {@code word*N}, N copies of it. */
    private static void expandWord(String source, int lineNumber, String token, List<String> words) {
        int star = token.indexOf('*');
        if (star < 0) {
            addWords(source, lineNumber, token, 1, words);
            return;
        }
        if (star != token.lastIndexOf('*')) {
            throw new ScriptException(source, lineNumber,
                    "word '" + token + "' may contain '*' only once, before its repeat count");
        }
        String word = token.substring(0, star);
        String countText = token.substring(star + 1);
        if (word.isEmpty()) {
            throw new ScriptException(source, lineNumber, "word '" + token + "' has no text before '*'");
        }
        if (!POSITIVE_INTEGER.matcher(countText).matches() || new BigDecimal(countText).signum() == 0) {
            throw new ScriptException(source, lineNumber,
                    "repeat count '" + countText + "' in '" + token + "' is not a positive integer");
        }
        if (new BigDecimal(countText).compareTo(BigDecimal.valueOf(MAX_WORDS_PER_LINE)) > 0) {
            throw new ScriptException(source, lineNumber, "repeat count '" + countText + "' in '" + token
                    + "' is too large (at most " + MAX_WORDS_PER_LINE + " words per line)");
        }
        addWords(source, lineNumber, word, Integer.parseInt(countText), words);
    }

    private static void addWords(String source, int lineNumber, String word, int copies, List<String> words) {
        if (words.size() + (long) copies > MAX_WORDS_PER_LINE) {
            throw new ScriptException(source, lineNumber,
                    "line has more than " + MAX_WORDS_PER_LINE + " words");
        }
        for (int i = 0; i < copies; i++) {
            words.add(word);
        }
    }
}
