package statelab.harness.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import scala.Tuple2;
import statelab.core.CountsSink;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.Source;
import statelab.core.Variant;
import statelab.core.WordCounts;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;
import statelab.loadgen.Script;

/**
 * The chapter happening: each variant in turn reads the chapter's timeline (second 1: blue x5, green x3;
 * second 2: gohawks; second 4: green x2) from an in-process load generator, and the outputs are shown second
 * by second, variant beside variant. Stateless forgets, the stateful variants keep totals. Every variant reads
 * a plain socket here, as in the chapter (Structured Streaming its socket source, not the replay protocol).
 */
public final class ChapterDemo {

    /** One batch as a variant printed it. */
    public record Batch(long batchTimeMs, Map<String, Long> counts) {
    }

    private ChapterDemo() {
    }

    /** Runs every variant on the chapter's timeline; returns each variant's batches, in order. */
    public static Map<String, List<Batch>> run(List<Variant> variants, String master, long batchMs, PrintStream out)
            throws Exception {
        Map<String, List<Batch>> results = new LinkedHashMap<>();
        for (Variant variant : variants) {
            out.println("== " + variant.name() + ": " + variant.description());
            results.put(variant.name(), runOne(variant, master, batchMs, out));
        }
        return results;
    }

    private static List<Batch> runOne(Variant variant, String master, long batchMs, PrintStream out)
            throws Exception {
        // Aligned to the batch interval, each of the chapter's seconds lands in the middle of one batch.
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0).script(Script.chapter())
                .alignScriptTo(java.time.Duration.ofMillis(batchMs)).build();
        try (LoadGenerator generator = LoadGenerator.start(config)) {
            RecordingSink sink = new RecordingSink(variant.name(), out);
            RunSpec.Builder spec = RunSpec.builder(variant.name()).master(master).port(generator.port())
                    .batchMs(batchMs);
            if (variant.sources().contains(Source.SOCKET)) {
                spec.source(Source.SOCKET); // the chapter's own source, as the book runs it
            }
            RunningJob job = variant.start(spec.build(), sink);
            try {
                if (!generator.awaitClients(1, java.time.Duration.ofSeconds(60))) {
                    throw new IllegalStateException(variant.name() + " did not connect to the load generator");
                }
                generator.awaitStreamsDone(java.time.Duration.ofSeconds(60));
                long sent = generator.ledger().totalWords();
                if (!sink.awaitWordsCounted(sent, variant.runningTotals(), 60_000)) {
                    out.println("   (" + variant.name() + " had not counted all " + sent + " words after 60 s)");
                }
                Thread.sleep(batchMs); // one more batch, so the last output shows twice like the chapter's
            } finally {
                job.stop(false);
            }
            return sink.batches();
        }
    }

    /** Prints the outputs second by second: second 1 is the first batch holding data. */
    public static void printSideBySide(Map<String, List<Batch>> results, long batchMs, PrintStream out) {
        Map<Long, Map<String, String>> bySecond = new TreeMap<>();
        results.forEach((variant, batches) -> {
            long first = batches.stream().filter(b -> !b.counts().isEmpty()).mapToLong(Batch::batchTimeMs)
                    .findFirst().orElse(-1);
            if (first < 0) {
                return;
            }
            for (Batch batch : batches) {
                long second = 1 + Math.round((batch.batchTimeMs() - first) / (double) batchMs);
                if (second >= 1 && second <= 5) {
                    bySecond.computeIfAbsent(second, s -> new LinkedHashMap<>()).put(variant, format(batch.counts()));
                }
            }
        });
        out.println();
        out.println("The chapter's timeline, second by second (second 1 = each variant's first batch with data):");
        boolean gaps = false;
        for (Map.Entry<Long, Map<String, String>> second : bySecond.entrySet()) {
            out.println("second " + second.getKey());
            for (String variant : results.keySet()) {
                String shown = second.getValue().get(variant);
                gaps |= shown == null;
                out.printf("  %-22s %s%n", variant, shown == null ? "(no batch)" : shown);
            }
        }
        if (gaps) {
            out.println("(no batch): Structured Streaming runs a micro-batch only when new data arrived, and its first"
                    + " micro-batch takes seconds, so the lines that arrive meanwhile are counted together.");
        }
    }

    static String format(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "{}";
        }
        StringBuilder text = new StringBuilder("{");
        counts.forEach((word, count) -> text.append(text.length() > 1 ? "," : "")
                .append('(').append(word).append(',').append(count).append(')'));
        return text.append('}').toString();
    }

    /** Keeps every batch (the chapter's data is tiny) and prints it as it arrives. */
    private static final class RecordingSink implements CountsSink {
        private final String label;
        private final PrintStream out;
        private final List<Batch> batches = new ArrayList<>();

        RecordingSink(String label, PrintStream out) {
            this.label = label;
            this.out = out;
        }

        @Override
        public int rowsWanted(long batchTimeMs) {
            return ALL;
        }

        @Override
        public synchronized void accept(long batchTimeMs, List<Tuple2<String, Long>> rows, boolean more) {
            Map<String, Long> counts = WordCounts.toMap(rows);
            batches.add(new Batch(batchTimeMs, counts));
            out.println("   " + label + " @ " + batchTimeMs + " ms: " + format(counts));
            notifyAll();
        }

        /** Waits until the output accounts for {@code words} words: in the latest totals, or summed over batches. */
        synchronized boolean awaitWordsCounted(long words, boolean runningTotals, long timeoutMs)
                throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (counted(runningTotals) < words) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        }

        private long counted(boolean runningTotals) {
            if (runningTotals) {
                return batches.isEmpty() ? 0
                        : batches.get(batches.size() - 1).counts().values().stream().mapToLong(Long::longValue).sum();
            }
            return batches.stream().flatMap(b -> b.counts().values().stream()).mapToLong(Long::longValue).sum();
        }

        synchronized List<Batch> batches() {
            return List.copyOf(batches);
        }
    }
}
