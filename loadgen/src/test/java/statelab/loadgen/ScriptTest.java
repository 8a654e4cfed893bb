package statelab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptTest {

    @TempDir
    Path dir;

    @Test
    void theChapterIsThreeLinesAtSecondsOneTwoFour() {
        Script chapter = Script.chapter();
        assertThat(chapter.name()).isEqualTo("chapter");
        assertThat(chapter.lines()).extracting(Script.Line::atNanos)
                .containsExactly(1_000_000_000L, 2_000_000_000L, 4_000_000_000L);
        assertThat(chapter.lines()).extracting(Script.Line::text).containsExactly(
                "blue blue blue blue blue green green green", "gohawks", "green green");
        assertThat(chapter.length()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theChapterFileParsesToTheBuiltIn() throws IOException {
        Path file = write("chapter.txt", Script.CHAPTER_TEXT);
        assertThat(Script.parse(file).lines()).isEqualTo(Script.chapter().lines());
        assertThat(Script.load("chapter").lines()).isEqualTo(Script.chapter().lines());
        assertThat(Script.load(file.toString()).lines()).isEqualTo(Script.chapter().lines());
    }

    @Test
    void blankLinesCommentsDecimalsAndEqualTimesAreFine() {
        Script script = Script.parse("ok.txt", "\n  # note\n0 a\n0.5 b*2\n\t\n.5 c\r\n1. d\n2 e\n");
        assertThat(script.lines()).extracting(Script.Line::atNanos)
                .containsExactly(0L, 500_000_000L, 500_000_000L, 1_000_000_000L, 2_000_000_000L);
        assertThat(script.lines()).extracting(Script.Line::text).containsExactly("a", "b b", "c", "d", "e");
    }

    @Test
    void chineseWordsAndIdeographicSpaceSplitLikeWhiteSpace() {
        Script script = Script.parse("zh.txt", "1 你好\u3000世界 你好*2\n2\u00A0a\u3000b\n");
        assertThat(script.lines().get(0).words()).containsExactly("你好", "世界", "你好", "你好");
        assertThat(script.lines().get(1).atNanos()).isEqualTo(2_000_000_000L);
        assertThat(script.lines().get(1).words()).containsExactly("a", "b");
    }

    @Test
    void utf8FileWithChineseWords() throws IOException {
        Path file = write("zh.txt", "\uFEFF# 中文\n1 你好 世界\n");
        assertThat(Script.parse(file).lines().get(0).text()).isEqualTo("你好 世界");
    }

    @Test
    void negativeTime() {
        assertMalformed("1 a\n2 b\n-1 c\n", "bad.txt:3: time '-1' must be a non-negative number of seconds");
    }

    @Test
    void timeNotANumber() {
        assertMalformed("soon a\n", "bad.txt:1: time 'soon' must be a non-negative number of seconds");
    }

    @Test
    void timeGoingBack() {
        assertMalformed("# x\n1 a\n2 b\n1.5 c\n", "bad.txt:4: time 1.5 goes back before 2");
    }

    @Test
    void repeatCountNotAnInteger() {
        assertMalformed("# x\n1 blue*x\n", "bad.txt:2: repeat count 'x' in 'blue*x' is not a positive integer");
        assertMalformed("1 blue*0\n", "bad.txt:1: repeat count '0' in 'blue*0' is not a positive integer");
        assertMalformed("1 blue*-2\n", "bad.txt:1: repeat count '-2' in 'blue*-2' is not a positive integer");
        assertMalformed("1 blue*\n", "bad.txt:1: repeat count '' in 'blue*' is not a positive integer");
    }

    @Test
    void starsElsewhereInAWord() {
        assertMalformed("1 *3\n", "bad.txt:1: word '*3' has no text before '*'");
        assertMalformed("1 a*b*3\n", "bad.txt:1: word 'a*b*3' may contain '*' only once, before its repeat count");
    }

    @Test
    void noWordsAfterTheTime() {
        assertMalformed("1 a\n2 b\n\n# c\n3\n", "bad.txt:5: no words after the time");
    }

    @Test
    void hugeRepeatCount() {
        assertMalformed("1 a*99999999999\n",
                "bad.txt:1: repeat count '99999999999' in 'a*99999999999' is too large (at most 1000000 words per "
                        + "line)");
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.write(file, new byte[] {'1', ' ', 'a', '\n', '2', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        assertThatThrownBy(() -> Script.parse(file)).isInstanceOf(ScriptException.class)
                .hasMessage("bad.txt:2: not valid UTF-8 text");
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> Script.parse(dir.resolve("none.txt"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void exceptionCarriesItsParts() throws IOException {
        Path file = write("bad.txt", "1 a\nx b\n");
        assertThatThrownBy(() -> Script.parse(file)).isInstanceOfSatisfying(ScriptException.class, e -> {
            assertThat(e.source()).isEqualTo("bad.txt");
            assertThat(e.lineNumber()).isEqualTo(2);
            assertThat(e.problem()).isEqualTo("time 'x' must be a non-negative number of seconds");
        });
    }

    @Test
    void scriptsBuiltInCode() {
        Script script = Script.of("mine", List.of(new Script.Line(0, List.of("a")),
                new Script.Line(5, List.of("b", "c"))));
        assertThat(script.size()).isEqualTo(2);
        assertThatThrownBy(() -> Script.of("back", List.of(new Script.Line(5, List.of("a")),
                new Script.Line(1, List.of("b"))))).hasMessageContaining("goes back in time");
    }

    private void assertMalformed(String text, String message) {
        Path file;
        try {
            file = write("bad.txt", text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> Script.parse(file)).isInstanceOf(ScriptException.class).hasMessage(message);
        assertThatThrownBy(() -> Script.parse("bad.txt", text)).isInstanceOf(ScriptException.class)
                .hasMessage(message);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
