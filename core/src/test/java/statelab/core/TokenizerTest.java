package statelab.core;

import static org.assertj.core.api.Assertions.assertThat;

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
}
