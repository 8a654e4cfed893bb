package statelab.notebooks;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Jupyter for the tests: the lab's kernelspec installed once into a private data directory under target/, and
 * executed notebooks read back. Jupyter missing is a failure that says how to install it, never a skip.
 */
final class TestJupyter {

    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final Path EXECUTED = TARGET.resolve("executed-notebooks");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dataDir;

    private TestJupyter() {
    }

    /** The data directory holding kernelspec {@code java} for this build. */
    static synchronized Path dataDir() throws Exception {
        if (dataDir == null) {
            if (!RunNotebooks.jupyterInstalled()) {
                fail("Jupyter's nbconvert is not installed, so the notebooks cannot run: "
                        + "run notebooks/setup-jupyter.sh (or ./lab test, which runs it)");
            }
            Path dir = TARGET.resolve("jupyter");
            KernelSpec.install(dir, KernelSpec.buildClasspath(), TARGET.resolve("tmp-kernel"));
            dataDir = dir;
        }
        return dataDir;
    }

    static int cellTimeoutS() {
        return Integer.getInteger("statelab.notebooks.cellTimeoutS", RunNotebooks.DEFAULT_CELL_TIMEOUT_S);
    }

    /** An executed notebook's cells and outputs. */
    record Executed(JsonNode notebook) {

        static Executed read(Path file) throws IOException {
            return new Executed(JSON.readTree(file.toFile()));
        }

        List<JsonNode> cells() {
            List<JsonNode> cells = new ArrayList<>();
            notebook.path("cells").forEach(cells::add);
            return cells;
        }

        List<JsonNode> outputs(int cell) {
            List<JsonNode> outputs = new ArrayList<>();
            cells().get(cell).path("outputs").forEach(outputs::add);
            return outputs;
        }

        /**
         * Everything a reader sees as text in one cell: streams, values, the plain form of displays, each output
         * on lines of its own.
         */
        String text(int cell) {
            StringBuilder text = new StringBuilder();
            for (JsonNode output : outputs(cell)) {
                List<String> parts = List.of(joined(output.path("text")),
                        joined(output.path("data").path("text/plain")));
                for (String part : parts) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                        text.append('\n');
                    }
                    text.append(part);
                }
            }
            return text.toString();
        }

        /** The text of every cell. */
        String allText() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < cells().size(); i++) {
                text.append(text(i)).append('\n');
            }
            return text.toString();
        }

        /** Outputs of one kind ({@code stream}, {@code execute_result}, {@code display_data}, {@code error}). */
        List<JsonNode> outputs(int cell, String type) {
            return outputs(cell).stream().filter(o -> o.path("output_type").asText().equals(type)).toList();
        }

        /** How many outputs in the whole notebook carry {@code mimeType}. */
        long countWithMime(String mimeType) {
            long count = 0;
            for (int i = 0; i < cells().size(); i++) {
                count += outputs(i).stream().filter(o -> o.path("data").has(mimeType)).count();
            }
            return count;
        }

        static String joined(JsonNode text) {
            if (text.isArray()) {
                StringBuilder joined = new StringBuilder();
                text.forEach(line -> joined.append(line.asText()));
                return joined.toString();
            }
            return text.isMissingNode() ? "" : text.asText();
        }
    }
}
