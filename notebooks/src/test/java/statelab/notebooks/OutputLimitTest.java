package statelab.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputLimitTest {

    @Test
    void passesBytesWhileTheBudgetLastsThenCountsWhatItDrops() throws Exception {
        OutputLimit limit = new OutputLimit(10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OutputStream o = limit.wrap(out);
        OutputStream e = limit.wrap(err);
        o.write("123456".getBytes(StandardCharsets.UTF_8));
        assertThat(limit.note()).isNull();
        e.write("7890abc".getBytes(StandardCharsets.UTF_8));
        o.write('x');
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("123456");
        assertThat(err.toString(StandardCharsets.UTF_8)).as("stdout and stderr share one budget").isEqualTo("7890");
        assertThat(limit.droppedBytes()).isEqualTo(4);
        assertThat(limit.note()).isEqualTo("[output truncated: 4 more bytes not shown; a cell shows at most 10 bytes]");
    }

    @Test
    void aLongValueIsCutToWhatIsLeft() {
        OutputLimit limit = new OutputLimit(5);
        assertThat(limit.cut("abc")).isEqualTo("abc");
        assertThat(limit.cut("defgh")).isEqualTo("de");
        assertThat(limit.droppedBytes()).isEqualTo(3);
    }
}
