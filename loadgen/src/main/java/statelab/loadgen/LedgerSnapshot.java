package statelab.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exactly what the load generator wrote to its sockets, at one moment: overall and per client, the lines,
 * the words, the distinct words and each word's count (only words with a count above zero). A write is
 * counted only once the socket accepted it. Immutable.
 *
 * <p>JSON form (also what {@code --ledger-out} writes and {@code GET /ledger} returns):
 * <pre>
 * {"totalLines":3,"totalWords":11,"distinctKeys":3,"counts":{"blue":5,"green":5,"gohawks":1},
 *  "clients":[{"clientId":1,"remote":"127.0.0.1:40001","connectedAtEpochMs":1700000000000,
 *              "totalLines":3,"totalWords":11,"distinctKeys":3,"counts":{...}}]}
 * </pre>
 * Generated keys come first in key order, then script words in the order they first appeared.
 */
public record LedgerSnapshot(long totalLines, long totalWords, long distinctKeys, Map<String, Long> counts,
                             List<ClientSnapshot> clients) {

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    public LedgerSnapshot {
        counts = immutableCopy(counts);
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    /** What one client was sent. {@code remote} is its address as {@code host:port}. */
    public record ClientSnapshot(long clientId, String remote, long connectedAtEpochMs, long totalLines,
                                 long totalWords, long distinctKeys, Map<String, Long> counts) {
        public ClientSnapshot {
            counts = immutableCopy(counts);
        }

        /** How often {@code word} was sent to this client (0 if never). */
        public long count(String word) {
            return counts.getOrDefault(word, 0L);
        }
    }

    /** How often {@code word} was sent overall (0 if never, or if the counts were left out). */
    public long count(String word) {
        return counts.getOrDefault(word, 0L);
    }

    /** The ledger as JSON; without counts the {@code counts} maps are left out. */
    public String toJson(boolean withCounts) {
        try {
            return JSON.writeValueAsString(withCounts ? this : withoutCounts());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the ledger as JSON", e);
        }
    }

    public String toJson() {
        return toJson(true);
    }

    /** Streams the JSON to {@code out} (big ledgers need not fit in one String). Does not close it. */
    public void writeJson(OutputStream out, boolean withCounts) throws IOException {
        JSON.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, withCounts ? this : withoutCounts());
    }

    /** Writes the JSON file (with counts), replacing it if it exists. */
    public void writeJson(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeJson(out, true);
        }
    }

    /** Reads a ledger written by {@link #writeJson(Path)}, {@code --ledger-out} or {@code GET /ledger}. */
    public static LedgerSnapshot readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), LedgerSnapshot.class);
    }

    public static LedgerSnapshot fromJson(String json) throws IOException {
        return JSON.readValue(json, LedgerSnapshot.class);
    }

    /** The JSON tree without the {@code counts} maps. */
    private ObjectNode withoutCounts() {
        ObjectNode tree = JSON.valueToTree(new LedgerSnapshot(totalLines, totalWords, distinctKeys, Map.of(),
                clients.stream().map(c -> new ClientSnapshot(c.clientId(), c.remote(), c.connectedAtEpochMs(),
                        c.totalLines(), c.totalWords(), c.distinctKeys(), Map.of())).toList()));
        tree.remove("counts");
        tree.withArray("clients").forEach(client -> ((ObjectNode) client).remove("counts"));
        return tree;
    }

    private static Map<String, Long> immutableCopy(Map<String, Long> counts) {
        return counts == null || counts.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
