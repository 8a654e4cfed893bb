package statelab.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Splits a line into words: the one tokenizer every variant uses, so every variant counts the same words.
 *
 * <p>A word is a maximal run of characters that are not white space, where white space is anything
 * {@link Character#isWhitespace(char)} or {@link Character#isSpaceChar(char)} accepts (so the ideographic
 * space U+3000 and the no-break space U+00A0 separate words too). Empty lines and runs of spaces yield no
 * empty words. No regular expression: this runs once per input line in every batch.
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    /** True for the characters that separate words. */
    public static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** The words of one line, in order; the shape Spark's {@code flatMap} wants. */
    public static Iterator<String> words(String line) {
        return wordList(line).iterator();
    }

    /** The words of one line, in order. */
    public static List<String> wordList(String line) {
        List<String> words = new ArrayList<>();
        int length = line.length();
        int start = -1;
        for (int i = 0; i < length; i++) {
            if (isSeparator(line.charAt(i))) {
                if (start >= 0) {
                    words.add(line.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            words.add(line.substring(start));
        }
        return words;
    }
}
