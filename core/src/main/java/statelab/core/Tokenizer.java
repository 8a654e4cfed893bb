package statelab.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Splits a line into words: the one tokenizer every variant uses, so every variant counts the same words.
 *
 * <p>A word is a maximal run of characters that are not white space, where white space is anything
 * {@link Character#isWhitespace(char)} or {@link Character#isSpaceChar(char)} accepts (so the ideographic
 * space U+3000 and the no-break space U+00A0 separate words too). Empty lines and runs of spaces yield no
 * empty words. No regular expression: this runs once per input line in every batch.
 *
 * <p>Speed: the Latin-1 characters (nearly every character of the lab's input) are looked up in a table
 * computed from that same definition when the class loads; the others ask {@link Character}. Words are cut
 * from the line lazily by {@link #words}, without a list in between.
 */
public final class Tokenizer {

    /** Separator or not, for the characters below 256: filled from {@link #isSeparatorByDefinition}. */
    private static final boolean[] LATIN1_SEPARATOR = new boolean[256];

    static {
        for (char c = 0; c < LATIN1_SEPARATOR.length; c++) {
            LATIN1_SEPARATOR[c] = isSeparatorByDefinition(c);
        }
    }

    private Tokenizer() {
    }

    /** The definition of white space. */
    static boolean isSeparatorByDefinition(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** True for the characters that separate words. */
    public static boolean isSeparator(char c) {
        return c < LATIN1_SEPARATOR.length ? LATIN1_SEPARATOR[c] : isSeparatorByDefinition(c);
    }

    /** The words of one line, in order, cut as they are asked for; the shape Spark's {@code flatMap} wants. */
    public static Iterator<String> words(String line) {
        return new Words(line);
    }

    /** The words of one line, in order. */
    public static List<String> wordList(String line) {
        List<String> words = new ArrayList<>();
        words(line).forEachRemaining(words::add);
        return words;
    }

    /** Walks a line once, word by word. */
    private static final class Words implements Iterator<String> {
        private final String line;
        private final int length;
        /** Start of the next word, or {@code length} when there is none. */
        private int start;

        Words(String line) {
            this.line = line;
            this.length = line.length();
            this.start = skipSeparators(0);
        }

        private int skipSeparators(int from) {
            int i = from;
            while (i < length && isSeparator(line.charAt(i))) {
                i++;
            }
            return i;
        }

        @Override
        public boolean hasNext() {
            return start < length;
        }

        @Override
        public String next() {
            if (start >= length) {
                throw new NoSuchElementException();
            }
            int end = start + 1;
            while (end < length && !isSeparator(line.charAt(end))) {
                end++;
            }
            String word = line.substring(start, end);
            start = skipSeparators(end);
            return word;
        }
    }
}
