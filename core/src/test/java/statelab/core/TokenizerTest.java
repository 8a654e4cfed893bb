package statelab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void splitsOnRunsOfWhiteSpace() {
        assertThat(Tokenizer.wordList("  blue\t\tgreen   blue \r\n")).containsExactly("blue", "green", "blue");
    }

    @Test
    void emptyAndBlankLinesHaveNoWords() {
        assertThat(Tokenizer.wordList("")).isEmpty();
        assertThat(Tokenizer.wordList(" \t ")).isEmpty();
    }

    @Test
    void keepsNonAsciiWordsWhole() {
        assertThat(Tokenizer.wordList("你好 世界 héllo naïve")).containsExactly("你好", "世界", "héllo", "naïve");
    }

    @Test
    void ideographicAndNoBreakSpacesSeparateWords() {
        assertThat(Tokenizer.wordList("你好\u3000世界\u00a0再见")).containsExactly("你好", "世界", "再见");
    }

    @Test
    void punctuationStaysPartOfTheWord() {
        assertThat(Tokenizer.wordList("go, hawks!")).containsExactly("go,", "hawks!");
    }

    @Test
    void theSeparatorTableAgreesWithTheDefinitionForEveryCharacter() {
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            assertThat(Tokenizer.isSeparator((char) c)).as("U+%04X", c)
                    .isEqualTo(Tokenizer.isSeparatorByDefinition((char) c));
        }
    }

    @Test
    void cutsTheSameWordsAsAPlainScanOnRandomLines() {
        char[] alphabet = {'a', 'b', 'z', '0', ' ', ' ', '\t', '\n', '\r', '\u000B', '\u001F', '\u00A0', '\u0085',
            '\u2028', '\u3000', '\u2007', 'é', '你', '*', ','};
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 10_000; n++) {
            char[] line = new char[random.nextInt(0, 24)];
            for (int i = 0; i < line.length; i++) {
                line[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String text = new String(line);
            assertThat(Tokenizer.wordList(text)).as("'%s'", text).isEqualTo(plainScan(text));
        }
    }

    @Test
    void theIteratorEndsCleanly() {
        Iterator<String> words = Tokenizer.words(" one ");
        assertThat(words.next()).isEqualTo("one");
        assertThat(words.hasNext()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(words::next).isInstanceOf(NoSuchElementException.class);
    }

    /** The definition, applied character by character with no table and no shortcut. */
    private static List<String> plainScan(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (char c : line.toCharArray()) {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
